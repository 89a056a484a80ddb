package org.pathlane.app.editor.model;

import java.util.Objects;

/**
 * An arrow of the editor: job {@code to} waits until job {@code from} has succeeded.
 *
 * @param from the upstream job id
 * @param to   the downstream job id (its {@code dependsOn} lists {@code from})
 */
public record Dependency(String from, String to) {

    public Dependency {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public boolean touches(String jobId) {
        return from.equals(jobId) || to.equals(jobId);
    }
}
