package org.pathlane.scheduler.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;

/**
 * The process {@link RestartTest} kills with SIGKILL. It opens the file database in {@code args[0]},
 * submits the workload if the database has none, and prints one line per observation:
 * {@code RUN <workflow> <job> <attempt>} when a handler starts, {@code SUCCEEDED <workflow> <job>} when
 * the success is announced (so after its commit), and {@code DONE <workflows> <succeeded> <succeeded jobs>} at
 * the end.
 */
public final class RestartChild {

    static final String[] USERS = {"ana", "ben", "chen"};
    static final int JOBS_PER_WORKFLOW = 8;

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        JobHandler probe = Harness.handler("probe", context -> {
            synchronized (out) {
                out.println("RUN " + context.workflowId() + " " + context.jobId() + " " + context.attempt());
                out.flush();
            }
            TimeUnit.MILLISECONDS.sleep(((Number) context.params().get("ms")).longValue());
        });
        CountDownLatch allDone = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Scheduler> engine = new java.util.concurrent.atomic.AtomicReference<>();
        SchedulerConfig config = SchedulerConfig.dataDir(Path.of(args[0])).withLimits(new Limits(3, 2)).withHandler(probe)
                .withListener(new SchedulerListener() {
                @Override
                public void onEvent(SchedulerEvent e) {
                    if (e.type() == EventType.JOB_SUCCEEDED) {
                        synchronized (out) {
                            out.println("SUCCEEDED " + e.workflowId() + " " + e.jobId());
                            out.flush();
                        }
                    }
                    Scheduler scheduler = engine.get();
                    if (e.type() == EventType.USER_RELEASED && scheduler != null && scheduler.userQueue().active().isEmpty()) {
                        allDone.countDown();
                    }
                }
            });
        try (Scheduler scheduler = Scheduler.start(config)) {
            engine.set(scheduler);
            if (scheduler.profiles().list().isEmpty()) {
                for (String user : USERS) {
                    scheduler.profiles().create(null, new UserProfile(user, null, false, null, null));
                }
                for (String user : USERS) {
                    for (int w = 0; w < 2; w++) {
                        scheduler.submit(user, workload(user + w));
                    }
                }
            }
            out.println("SUBMITTED");
            out.flush();
            if (!unfinished(scheduler).isEmpty()) {
                allDone.await(2, TimeUnit.MINUTES);
            }
            List<WorkflowView> all = new ArrayList<>();
            for (String user : USERS) {
                all.addAll(scheduler.workflows(user));
            }
            long succeeded = all.stream().filter(w -> w.status() == WorkflowStatus.SUCCEEDED).count();
            long jobs = all.stream().flatMap(w -> w.jobs().stream()).filter(j -> j.status() == JobStatus.SUCCEEDED).count();
            out.println("DONE " + all.size() + " " + succeeded + " " + jobs);
            out.flush();
        }
    }

    private static List<WorkflowView> unfinished(Scheduler scheduler) {
        List<WorkflowView> open = new ArrayList<>();
        for (String user : USERS) {
            scheduler.workflows(user).stream().filter(w -> !w.status().isTerminal()).forEach(open::add);
        }
        return open;
    }

    private static WorkflowSpec workload(String name) {
        List<JobSpec> jobs = new ArrayList<>();
        for (int j = 0; j < JOBS_PER_WORKFLOW; j++) {
            List<String> deps = j >= 3 ? List.of("j" + (j - 3)) : List.of();
            jobs.add(new JobSpec("j" + j, "lane" + (j % 2), "probe", Map.of("ms", 20 + 7 * j), deps));
        }
        return new WorkflowSpec(name, jobs);
    }
}
