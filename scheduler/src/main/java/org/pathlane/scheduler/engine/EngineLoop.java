package org.pathlane.scheduler.engine;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hibernate.StatelessSession;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.persistence.Database;
import org.pathlane.scheduler.persistence.StateStore;
import org.pathlane.scheduler.rules.RuleBook;
import org.pathlane.scheduler.rules.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single decision thread. Every input (a submission, a cancel, a worker's outcome, a limit
 * change) is an {@link Op} put on a queue; the thread takes everything queued, applies each op to the
 * {@link RuleBook} and settles after each (so the trace reads as if the ops came one by one), writes every
 * transition with a conditional update, commits once, and only then announces the events, hands started
 * jobs to workers and interrupts cancelled ones. Nothing polls: the thread sleeps on the queue.
 */
final class EngineLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
    private static final int MAX_BATCH = 2048;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RECENT_START_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One input, applied on the engine thread inside the batch's transaction. */
    @FunctionalInterface
    interface Op<T> {
        T apply(Batch batch);
    }

    /** What an op sees: the rule book, the open session and the batch's time. */
    record Batch(RuleBook rules, StatelessSession session, long now, StateStore store) {
    }

    private record Pending<T>(Op<T> op, CompletableFuture<T> done) {
    }

    private static final Pending<Void> STOP = new Pending<>(b -> null, new CompletableFuture<>());

    private final BlockingQueue<Pending<?>> inbox = new LinkedBlockingQueue<>();
    private final Database database;
    private final StateStore store;
    private final InstantSource clock;
    private final EventBus bus;
    private final Thread thread;
    private JobRunner runner;
    private RuleBook rules;
    private StatelessSession current;
    private long lastNow;
    private volatile boolean stopped;
    private volatile Throwable death;
    /** The engine lease of a shared database, renewed in every transaction; null for a database of its own. */
    private final org.pathlane.scheduler.persistence.EngineLease lease;
    private long batches;
    private long ops;

    /** Where started jobs run in a lab (several nodes); null for a database of its own. */
    private final NodePlacement placement;
    private boolean rebuildRequested;

    EngineLoop(Database database, StateStore store, InstantSource clock, EventBus bus, Limits limits,
            org.pathlane.scheduler.persistence.EngineLease lease) {
        this(database, store, clock, bus, limits, lease, null);
    }

    EngineLoop(Database database, StateStore store, InstantSource clock, EventBus bus, Limits limits,
            org.pathlane.scheduler.persistence.EngineLease lease, NodePlacement placement) {
        this.placement = placement;
        this.lease = lease;
        this.database = database;
        this.store = store;
        this.clock = clock;
        this.bus = bus;
        this.rules = newRuleBook(limits);
        this.thread = Thread.ofPlatform().name("pathlane-scheduler").daemon(true).unstarted(this::loop);
    }

    /**
     * From an op, on the engine thread: after this op the rule book is rebuilt from the database as this
     * transaction sees it (the op changed stored state behind the rule book's back, e.g. put a dead node's jobs
     * back to PENDING).
     */
    void requestRebuild() {
        rebuildRequested = true;
    }

    private RuleBook newRuleBook(Limits limits) {
        return new RuleBook(limits, () -> store.nextOrder(current));
    }

    void start(JobRunner jobRunner) {
        this.runner = jobRunner;
        thread.start();
    }

    /** Queues an op; the future completes after the batch holding it has committed (or failed). */
    <T> CompletableFuture<T> submit(Op<T> op) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (stopped) {
            done.completeExceptionally(closedException());
            return done;
        }
        inbox.add(new Pending<>(op, done));
        if (stopped) {
            // The loop ended between the check and the add: it may not have drained this one.
            inbox.removeIf(p -> p.done() == done);
            done.completeExceptionally(closedException());
        }
        return done;
    }

    /** Stops after the batch in progress; ops queued later fail. */
    void stop() {
        LOG.debug("Engine loop ran {} batches of {} inputs", batches, ops);
        stopped = true;
        inbox.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending<?>> left = new ArrayList<>();
        inbox.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(new IllegalStateException("the scheduler is closed")));
    }

    private void loop() {
        try {
            runLoop();
        } catch (org.pathlane.scheduler.persistence.EngineLease.LostException e) {
            if (placement == null) {
                LOG.error("The scheduler stopped: {}", e.getMessage());
            } else {
                // A lab node that was paused past its lease: another node decides now, and this one goes on as a worker.
                LOG.warn("{}", e.getMessage());
            }
            death = e;
            if (placement == null) {
                runner.close();
            }
        } catch (Throwable e) {
            LOG.error("The scheduler stopped: {}. Jobs stay as they were stored; restart PathLane", e.toString(), e);
            death = e;
        } finally {
            // Whatever ended the loop, nobody waits for it forever: queued and later inputs fail at once.
            stopped = true;
            List<Pending<?>> left = new ArrayList<>();
            inbox.drainTo(left);
            IllegalStateException closed = closedException();
            left.forEach(p -> p.done().completeExceptionally(closed));
        }
    }

    /** Whether the loop ended by itself (an internal error, a lost lease) rather than by {@link #stop}. */
    boolean dead() {
        return death != null;
    }

    private IllegalStateException closedException() {
        Throwable cause = death;
        if (cause instanceof org.pathlane.scheduler.persistence.EngineLease.LostException) {
            return new IllegalStateException(cause.getMessage(), cause);
        }
        return cause == null ? new IllegalStateException("the scheduler is closed")
                : new IllegalStateException("the scheduler stopped after an internal error (" + cause
                        + "); restart PathLane", cause);
    }

    private void runLoop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(inbox.take());
            } catch (InterruptedException e) {
                return;
            }
            inbox.drainTo(batch, MAX_BATCH);
            gather(batch);
            int stopAt = batch.indexOf(STOP);
            List<Pending<?>> work = stopAt < 0 ? batch : batch.subList(0, stopAt);
            if (!work.isEmpty()) {
                try {
                    runBatch(work);
                } catch (org.pathlane.scheduler.persistence.EngineLease.LostException e) {
                    // Another node decides now: nothing of this batch was committed, and nothing more may be.
                    work.forEach(p -> p.done().completeExceptionally(e));
                    throw e;
                } catch (RuntimeException e) {
                    LOG.error("The scheduler could not process {} input(s); they failed and scheduling goes on", work.size(), e);
                    work.forEach(p -> p.done().completeExceptionally(e));
                } catch (Throwable e) {
                    work.forEach(p -> p.done().completeExceptionally(e));
                    throw e;
                }
            }
            if (stopAt >= 0) {
                batch.subList(stopAt + 1, batch.size()).forEach(p -> p.done().completeExceptionally(
                        new IllegalStateException("the scheduler is closed")));
                return;
            }
            batch.clear();
        }
    }

    /**
     * Group commit: while jobs started in the last millisecond are still in flight, waits up to
     * {@link #GATHER_NANOS} for more inputs so that one commit carries several (very short jobs end in
     * bursts). Long jobs never trigger it; it is bounded far below the 10 ms dispatch target.
     */
    private void gather(List<Pending<?>> batch) {
        long deadline = System.nanoTime() + GATHER_NANOS;
        while (batch.size() < MAX_BATCH && runner.inFlight() > 0 && !batch.contains(STOP)
                && System.nanoTime() - runner.lastStartNanos() < RECENT_START_NANOS) {
            long left = deadline - System.nanoTime();
            Pending<?> more;
            try {
                more = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (more == null) {
                return;
            }
            batch.add(more);
            inbox.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        batches++;
        ops += batch.size();
        long now = Math.max(lastNow, clock.millis());
        lastNow = now;
        Object[] results = new Object[batch.size()];
        List<Transition> committed = new ArrayList<>();
        try {
            database.inTransaction(session -> {
                current = session;
                for (int i = 0; i < batch.size(); i++) {
                    results[i] = batch.get(i).op().apply(new Batch(rules, session, now, store));
                    if (rebuildRequested) {
                        rebuildRequested = false;
                        List<Transition> before = rules.drain();
                        persist(session, before, now);
                        committed.addAll(before);
                        rules = newRuleBook(rules.limits());
                        store.restore(session, rules);
                        placement.rebuild(session);
                    }
                    rules.settle();
                    List<Transition> decided = rules.drain();
                    persist(session, decided, now);
                    committed.addAll(decided);
                }
                if (lease != null) {
                    lease.renew(session, now);
                }
                return null;
            });
        } catch (org.pathlane.scheduler.persistence.EngineLease.LostException e) {
            current = null;
            throw e;
        } catch (RuntimeException e) {
            current = null;
            recover(batch, e);
            return;
        }
        current = null;
        announce(committed, now);
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i]);
        }
    }

    private void persist(StatelessSession session, List<Transition> decided, long now) {
        store.apply(session, decided, now);
        if (placement != null) {
            placement.placed(session, decided, now);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result) {
        pending.done().complete((T) result);
    }

    private void announce(List<Transition> committed, long now) {
        bus.publish(committed, now);
        for (Transition t : committed) {
            if (t.kind() == Transition.Kind.JOB_STARTED) {
                if (placement == null) {
                    runner.start(t.job());
                } else {
                    placement.started(t.job());
                }
            } else if (t.kind() == Transition.Kind.CANCEL_REQUESTED) {
                runner.cancel(t.job().id());
            }
        }
    }

    /**
     * A batch failed to commit (a precondition did not hold, or the database failed): its effects are rolled
     * back, memory is rebuilt from the database, and each op is retried alone so one bad op cannot sink the
     * others.
     */
    private void recover(List<Pending<?>> batch, RuntimeException failure) {
        LOG.warn("A scheduler transaction failed and was rolled back ({}); reloading state from {}",
                failure.getMessage(), database.description(), failure);
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.error("Cannot reload the scheduler's state from {}; check the database, then restart PathLane",
                    database.description(), e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        if (batch.size() == 1) {
            batch.getFirst().done().completeExceptionally(failure);
            return;
        }
        for (Pending<?> single : batch) {
            runBatch(List.of(single));
        }
    }

    private void reload() {
        rules = newRuleBook(rules.limits());
        rebuildRequested = false;
        database.inTransaction(session -> {
            current = session;
            store.restore(session, rules);
            if (placement != null) {
                placement.rebuild(session);
            }
            persist(session, rules.drain(), lastNow);
            if (lease != null) {
                lease.renew(session, lastNow);
            }
            return null;
        });
        current = null;
    }
}
