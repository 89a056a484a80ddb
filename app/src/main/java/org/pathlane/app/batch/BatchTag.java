package org.pathlane.app.batch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which batch a workflow belongs to, kept in its name, e.g. "Nuclei · case-7.svs · batch 3f9c2a 3/12": the
 * name is stored by the engine with the workflow, so the batch survives a restart and an admin's dashboard
 * groups other users' batches the same way, without a table of its own.
 *
 * @param id    ten hex digits (six in older batches), the same for every workflow of the batch
 * @param index this workflow's slide, from 1
 * @param count the batch's number of slides
 */
public record BatchTag(String id, int index, int count) {

    /** Six hex digits in batches of PathLane 0.3, ten since (a user's batches must not share an id and merge). */
    private static final Pattern SUFFIX = Pattern.compile(" · batch ([0-9a-f]{6,12}) (\\d+)/(\\d+)$");

    /** The name of the workflow of one slide of a batch. */
    /** A new batch's id: 40 random bits, so that even a lab's thousands of batches do not share one. */
    public static String newId() {
        byte[] bits = new byte[5];
        new java.security.SecureRandom().nextBytes(bits);
        return java.util.HexFormat.of().formatHex(bits);
    }

    public String name(String templateName, String slideFile) {
        return templateName + " · " + slideFile + " · batch " + id + " " + index + "/" + count;
    }

    public static Optional<BatchTag> of(String workflowName) {
        Matcher m = workflowName == null ? null : SUFFIX.matcher(workflowName);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        return Optional.of(new BatchTag(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** The template's name a batch workflow's name starts with ("Nuclei" of "Nuclei · case-7.svs · batch …"). */
    public static String templateName(String workflowName) {
        Matcher m = SUFFIX.matcher(workflowName);
        String head = m.find() ? workflowName.substring(0, m.start()) : workflowName;
        int slide = head.lastIndexOf(" · ");
        return slide > 0 ? head.substring(0, slide) : head;
    }
}
