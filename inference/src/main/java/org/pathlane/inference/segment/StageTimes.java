package org.pathlane.inference.segment;

import java.util.concurrent.atomic.LongAdder;

/** Busy time per pipeline stage, summed over the threads of the stage, in nanoseconds. */
public final class StageTimes {

    final LongAdder read = new LongAdder();
    final LongAdder infer = new LongAdder();
    final LongAdder post = new LongAdder();
    final LongAdder write = new LongAdder();

    public double readSeconds() {
        return read.sum() / 1e9;
    }

    public double inferSeconds() {
        return infer.sum() / 1e9;
    }

    public double postSeconds() {
        return post.sum() / 1e9;
    }

    public double writeSeconds() {
        return write.sum() / 1e9;
    }
}
