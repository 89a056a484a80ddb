package org.pathlane.scheduler.sim;

import java.nio.file.Path;
import java.time.Duration;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.model.Limits;

/**
 * One node of {@link ClusterSimulation}, in a JVM of its own: joins the lab database with its event log on, prints
 * {@code READY} once it is registered, and runs until its standard input closes (the simulation ended or died) or
 * it gets SIGTERM (both stop it cleanly) or SIGKILL (the simulation's kill). Args: JDBC URL, node name, results
 * folder, workers, lease in ms; the credentials come from {@code PATHLANE_DB_USER}/{@code PATHLANE_DB_PASSWORD}.
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        LabDatabase lab = new LabDatabase(args[0], System.getenv("PATHLANE_DB_USER"), System.getenv("PATHLANE_DB_PASSWORD"),
                args[1], Duration.ofMillis(Long.parseLong(args[4])), true, true);
        SchedulerConfig config = SchedulerConfig.lab(lab, Path.of(args[2]))
                .withLimits(new Limits(Integer.parseInt(args[3]), Limits.DEFAULT.maxActiveUsers()));
        Scheduler scheduler = Scheduler.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(scheduler::close));
        System.out.println("READY " + args[1]);
        System.out.flush();
        while (System.in.read() != -1) {
            // nothing is read from the simulation; the end of the stream is the signal to stop
        }
        scheduler.close();
    }
}
