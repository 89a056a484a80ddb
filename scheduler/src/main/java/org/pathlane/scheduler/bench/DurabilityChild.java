package org.pathlane.scheduler.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.UserProfile;

/**
 * The process {@link DurabilitySoak} kills with SIGKILL. It opens the engine on the file database of
 * {@code args[0]} exactly as the app does, prints {@code OPEN} once it runs, then submits from 8 threads: every
 * user submits up to 3 workflows of 10 branches of 20 sleep jobs of 0-2 ms (fewer when workflows of earlier,
 * killed runs are still unfinished, so each user has at most 3). It appends to the journal {@code args[1]}
 * every promise the engine makes: {@code S <workflow>} once {@code submit} returned, {@code E <workflow> <job>}
 * once {@code JOB_SUCCEEDED} was announced. Each line is one {@code write} to the OS before the next promise is
 * observed, so a SIGKILL keeps every line of a promise the engine made (the OS still holds it).
 */
public final class DurabilityChild {

    static final String ADMIN = "soak-admin";
    static final int USERS = 20;
    static final int THREADS = 8;
    static final int WORKFLOWS_PER_USER = 3;
    static final int BRANCHES = 10;
    static final int JOBS_PER_BRANCH = 20;

    private DurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long seed = Long.parseLong(args[2]);
        PrintStream out = System.out;
        try (Journal journal = new Journal(Path.of(args[1]));
             Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dataDir))) {
            if (scheduler.profiles().find(ADMIN).isEmpty()) {
                scheduler.profiles().create(null, new UserProfile(ADMIN, null, true, null, null));
            }
            scheduler.addListener(ADMIN, new SchedulerListener() {
                @Override
                public void onEvent(SchedulerEvent e) {
                    if (e.type() == EventType.JOB_SUCCEEDED) {
                        journal.append("E " + e.workflowId() + " " + e.jobId());
                    }
                }
            });
            for (int u = 0; u < USERS; u++) {
                if (scheduler.profiles().find(user(u)).isEmpty()) {
                    scheduler.profiles().create(ADMIN, new UserProfile(user(u), null, false, null, null));
                }
            }
            // Each user keeps at most WORKFLOWS_PER_USER unfinished workflows: what killed runs left unfinished
            // counts, so the work waiting does not pile up over a hundred kills (the open would then measure a
            // backlog of a million jobs, not durability).
            int[] toSubmit = new int[USERS];
            for (int u = 0; u < USERS; u++) {
                long unfinished = scheduler.workflows(user(u)).stream().filter(w -> !w.status().isTerminal()).count();
                toSubmit[u] = (int) Math.max(0, WORKFLOWS_PER_USER - unfinished);
            }
            out.println("OPEN");
            out.flush();
            ExecutorService submitters = Executors.newFixedThreadPool(THREADS);
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                all.add(submitters.submit(() -> {
                    Random random = new Random(seed * 31 + thread);
                    for (int w = 0; w < WORKFLOWS_PER_USER; w++) {
                        for (int u = thread; u < USERS; u += THREADS) {
                            if (w >= toSubmit[u]) {
                                continue;
                            }
                            String id = scheduler.submit(user(u), workload(random, "soak " + seed + " " + w));
                            journal.append("S " + id);
                        }
                    }
                    return null;
                }));
            }
            for (var f : all) {
                f.get();
            }
            submitters.shutdown();
            out.println("SUBMITTED");
            out.flush();
            // Not killed yet: let the work run a little, then stop; the soak kills long before this.
            TimeUnit.SECONDS.sleep(30);
        }
    }

    static String user(int u) {
        return "soak" + u;
    }

    static WorkflowSpec workload(Random random, String name) {
        List<JobSpec> jobs = new ArrayList<>();
        for (int b = 0; b < BRANCHES; b++) {
            for (int j = 0; j < JOBS_PER_BRANCH; j++) {
                jobs.add(new JobSpec("b" + b + "j" + j, "lane" + b, SleepJob.TYPE,
                        Map.of("durationMs", random.nextInt(3)), List.of()));
            }
        }
        return new WorkflowSpec(name, jobs);
    }

    /** Append-only journal of promises; one write(2) per line. */
    static final class Journal implements AutoCloseable {
        private final FileChannel channel;

        Journal(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        synchronized void append(String line) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
