package org.pathlane.app.editor.model;

import java.util.List;
import java.util.Objects;

/**
 * A branch lane: its jobs run one after another, left to right.
 *
 * @param id   stable identity inside the editor (the name can change)
 * @param name the branch name the scheduler serialises on
 * @param jobs the jobs in run order
 */
public record Lane(String id, String name, List<DraftJob> jobs) {

    public Lane {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
