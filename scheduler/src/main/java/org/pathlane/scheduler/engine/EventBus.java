package org.pathlane.scheduler.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.rules.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners on one thread, in commit order, never on the engine's transaction thread. */
final class EventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    /** A listener and whose events it may see: {@code user} null for every user's (an admin, or the engine's owner). */
    private record Subscription(String user, SchedulerListener listener) {
        boolean sees(String owner) {
            return user == null || user.equals(owner);
        }
    }

    private final List<Subscription> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("pathlane-events").daemon(true).factory());

    /** {@code user} null: every user's events; otherwise only that user's. */
    void add(String user, SchedulerListener listener) {
        listeners.add(new Subscription(user, listener));
    }

    void remove(SchedulerListener listener) {
        listeners.removeIf(s -> s.listener() == listener);
    }

    /** Announces committed transitions (all but CANCEL_REQUESTED, which is internal). */
    void publish(List<Transition> committed, long at) {
        if (listeners.isEmpty() || committed.isEmpty()) {
            return;
        }
        List<SchedulerEvent> events = committed.stream()
                .filter(t -> t.kind() != Transition.Kind.CANCEL_REQUESTED)
                .map(t -> new SchedulerEvent(EventType.valueOf(t.kind().name()), at, t.user(),
                        t.workflow() == null ? null : t.workflow().id(),
                        t.workflow() == null ? null : t.workflow().label(),
                        t.job() == null ? null : t.job().key(),
                        t.job() == null ? null : t.job().branch(), t.reason(), t.state()))
                .toList();
        delivery(() -> {
            for (Subscription s : listeners) {
                for (SchedulerEvent e : events) {
                    if (s.sees(e.user())) {
                        call(s, l -> l.onEvent(e));
                    }
                }
            }
        });
    }

    void progress(String user, String workflowId, String jobId, long done, long total, String message) {
        if (!listeners.isEmpty()) {
            deliver(user, l -> l.onProgress(user, workflowId, jobId, done, total, message));
        }
    }

    void emit(String user, String workflowId, String jobId, Object payload) {
        if (!listeners.isEmpty()) {
            deliver(user, l -> l.onEmit(user, workflowId, jobId, payload));
        }
    }

    void archived(String owner, List<String> workflowIds, boolean archived) {
        if (!listeners.isEmpty()) {
            List<String> ids = List.copyOf(workflowIds);
            deliver(owner, l -> l.onArchived(owner, ids, archived));
        }
    }

    /** Delivers to every listener that may see {@code owner}'s work. */
    private void deliver(String owner, Consumer<SchedulerListener> call) {
        delivery(() -> {
            for (Subscription s : listeners) {
                if (s.sees(owner)) {
                    call(s, call);
                }
            }
        });
    }

    private static void call(Subscription s, Consumer<SchedulerListener> call) {
        try {
            call.accept(s.listener());
        } catch (RuntimeException e) {
            LOG.error("Listener {} failed on an event; delivery continues", s.listener(), e);
        }
    }

    private void delivery(Runnable task) {
        try {
            delivery.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Event dropped: the scheduler is closed");
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() {
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Listeners did not finish within 10 s of closing the scheduler; dropping the rest");
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
