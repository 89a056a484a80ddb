package org.pathlane.inference.segment;

import java.util.List;
import org.pathlane.inference.stitch.Nucleus;

/**
 * What a running segmentation tells the outside world: the scheduler's job adapter maps it to progress
 * and job events, the command line to log lines. Called from the pipeline's writer thread, one call at a
 * time; implementations must be quick.
 */
public interface SegmentationListener {

    /** A tile finished (or was found finished in the checkpoint): its nuclei in level-0 coordinates. */
    default void tileDone(int col, int row, List<Nucleus> cells) {
    }

    /** @param done tissue tiles finished so far, {@code total} tissue tiles in all */
    default void progress(long done, long total) {
    }

    /** Checked before each batch; returning true stops the run with a {@link java.util.concurrent.CancellationException}. */
    default boolean cancelled() {
        return false;
    }

    SegmentationListener NONE = new SegmentationListener() {
    };
}
