package org.pathlane.app.session;

import java.util.concurrent.CountDownLatch;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;

/**
 * A test job type that reports 3 of 10 done, then holds its worker until the test opens the gate (or the
 * job is cancelled: the engine interrupts it). Makes "running" a state a test can look at without timing.
 */
public final class GateJob implements JobHandler {

    public static final String TYPE = "gate";
    private volatile CountDownLatch gate = new CountDownLatch(1);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        context.progress().report(3, 10, "3 of 10 tiles");
        gate.await();
        context.progress().report(10, 10, "done");
    }

    /** Holds the calling job (of another test type) at this gate too. */
    public void hold() throws InterruptedException {
        gate.await();
    }

    public void open() {
        gate.countDown();
    }

    /** Closes the gate again for the jobs that start from now on. */
    public void close() {
        gate = new CountDownLatch(1);
    }
}
