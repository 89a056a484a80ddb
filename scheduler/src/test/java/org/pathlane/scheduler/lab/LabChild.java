package org.pathlane.scheduler.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.UserProfile;

/**
 * The node {@link EngineLeaseTest} kills: holds the lab database's lease (1.5 s), submits one workflow of two
 * lanes of long sleep jobs and prints {@code STARTED <job>} for each job it starts. Args: JDBC URL, node name,
 * results folder; the credentials come from the environment, as a lab node's do.
 */
public final class LabChild {

    private LabChild() {
    }

    public static void main(String[] args) throws Exception {
        LabDatabase lab = new LabDatabase(args[0], System.getenv("PATHLANE_TEST_PG_USER"),
                System.getenv("PATHLANE_TEST_PG_PASSWORD"), args[1], Duration.ofMillis(1500), false);
        SchedulerConfig config = SchedulerConfig.lab(lab, Path.of(args[2])).withListener(new SchedulerListener() {
            @Override
            public void onEvent(SchedulerEvent e) {
                if (e.type() == EventType.JOB_STARTED) {
                    System.out.println("STARTED " + e.jobId());
                    System.out.flush();
                }
            }
        });
        try (Scheduler scheduler = Scheduler.start(config)) {
            scheduler.profiles().create(null, new UserProfile("lab", null, true, null, null));
            scheduler.submit("lab", new WorkflowSpec("long scan", List.of(
                    new JobSpec("a1", "A", SleepJob.TYPE, Map.of("durationMs", 3000), List.of()),
                    new JobSpec("b1", "B", SleepJob.TYPE, Map.of("durationMs", 3000), List.of()))));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
