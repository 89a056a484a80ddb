package org.pathlane.app.editor.model;

import java.util.Set;

/**
 * Something that keeps a draft from being submitted, pinned to what the editor should mark.
 *
 * @param kind    what is wrong
 * @param message what a technician reads, saying what to do
 * @param laneId  the lane to mark, or null
 * @param jobIds  the job cards to mark
 * @param arrows  the arrows to mark
 */
public record Problem(Kind kind, String message, String laneId, Set<String> jobIds, Set<Dependency> arrows) {

    /** The kinds of problem the editor knows. */
    public enum Kind { NO_LANES, EMPTY_LANE, LANE_NAME, CYCLE, MISSING_SLIDE, MISSING_PARAM, UNKNOWN_TYPE, JOB_REFERENCE }

    public Problem {
        jobIds = jobIds == null ? Set.of() : Set.copyOf(jobIds);
        arrows = arrows == null ? Set.of() : Set.copyOf(arrows);
    }
}
