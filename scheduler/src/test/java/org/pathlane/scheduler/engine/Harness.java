package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

/**
 * An engine on a private in-memory database with a {@code gate} job type that runs until the test opens
 * its gate ({@link #pass}, {@link #fail}), and a record of every event. Job keys are unique per test.
 */
final class Harness implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    final Scheduler scheduler;
    final List<SchedulerEvent> events = new ArrayList<>();
    private final BlockingQueue<SchedulerEvent> incoming = new LinkedBlockingQueue<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    Harness(Limits limits, Path results) {
        this(SchedulerConfig.jdbc("jdbc:h2:mem:harness" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", results)
                .withLimits(limits));
    }

    Harness(SchedulerConfig config) {
        scheduler = Scheduler.start(config.withHandler(new Gate()).withListener(new SchedulerListener() {
            @Override
            public void onEvent(SchedulerEvent event) {
                incoming.add(event);
            }
        }));
    }

    /** Runs until its gate opens; {@code stubborn: true} ignores cancellation and interrupts meanwhile. */
    private final class Gate implements JobHandler {
        @Override
        public String type() {
            return "gate";
        }

        @Override
        public void run(JobContext context) throws Exception {
            CountDownLatch gate = gate(context.jobId());
            if (Boolean.TRUE.equals(context.params().get("stubborn"))) {
                while (true) {
                    try {
                        gate.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // a stubborn job finishes its work whatever happens
                    }
                }
            } else {
                gate.await();
            }
            if (failing.getOrDefault(context.jobId(), false)) {
                throw new IllegalStateException("gate of " + context.jobId() + " failed");
            }
        }
    }

    /** What a test job does. */
    @FunctionalInterface
    interface Body {
        void run(JobContext context) throws Exception;
    }

    /** A job type for tests: {@code type} runs {@code body}. */
    static JobHandler handler(String type, Body body) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void run(JobContext context) throws Exception {
                body.run(context);
            }
        };
    }

    private CountDownLatch gate(String job) {
        return gates.computeIfAbsent(job, k -> new CountDownLatch(1));
    }

    void users(String... names) {
        for (String name : names) {
            scheduler.profiles().create(null, new UserProfile(name, null, false, null, null));
        }
    }

    static JobSpec job(String id, String branch, String... dependsOn) {
        return new JobSpec(id, branch, "gate", Map.of(), Arrays.asList(dependsOn));
    }

    String submit(String user, JobSpec... jobs) {
        return scheduler.submit(user, new WorkflowSpec(user + "-workflow", List.of(jobs)));
    }

    void pass(String job) {
        gate(job).countDown();
    }

    /** Closes the job's gate again and forgets a planned failure (for a job id that runs again). */
    void reset(String job) {
        gates.remove(job);
        failing.remove(job);
    }

    void fail(String job) {
        failing.put(job, true);
        gate(job).countDown();
    }

    /** Waits (event-driven, 10 s budget) for the event and returns it; earlier events are kept in {@link #events}. */
    SchedulerEvent await(EventType type, String userOrJob) throws InterruptedException {
        for (SchedulerEvent e : events) {
            if (matches(e, type, userOrJob)) {
                return e;
            }
        }
        while (true) {
            SchedulerEvent e = incoming.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("no %s for %s within 10 s; events so far: %s", type, userOrJob, events).isNotNull();
            events.add(e);
            if (matches(e, type, userOrJob)) {
                return e;
            }
        }
    }

    private static boolean matches(SchedulerEvent e, EventType type, String userOrJob) {
        return e.type() == type && (userOrJob.equals(e.jobId()) || (e.jobId() == null && userOrJob.equals(e.user())));
    }

    /** Index of an event already seen, for order assertions; -1 if it has not happened. */
    int indexOf(EventType type, String userOrJob) {
        incoming.drainTo(events);
        for (int i = 0; i < events.size(); i++) {
            if (matches(events.get(i), type, userOrJob)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        gates.values().forEach(CountDownLatch::countDown);
        scheduler.close();
    }
}
