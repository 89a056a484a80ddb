package org.pathlane.scheduler.rules;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.rules.Transition.Kind;

/**
 * The scheduling rules of {@code specs/scheduler.md} as a pure state machine over the unfinished workflows.
 * It decides; it neither stores nor runs anything: every decision is appended as a {@link Transition} that the
 * caller persists (the engine, in one transaction) or replays in virtual time (the reference simulation).
 * Not thread-safe: one owner thread calls it.
 *
 * <p>Call pattern: one or more inputs ({@link #submit}, {@link #jobEnded}, {@link #cancelJob},
 * {@link #cancelWorkflow}, {@link #setLimits}), then {@link #settle()}, which releases idle users, admits
 * waiting workflows and starts ready jobs while workers are free.
 */
public final class RuleBook {

    private final LongSupplier orderSeq;
    private final List<Transition> out = new ArrayList<>();
    private final Map<String, UserSlot> users = new HashMap<>();
    private final Map<String, LinkedHashSet<JobNode>> lanes = new HashMap<>();
    private final Map<String, WorkflowNode> workflows = new HashMap<>();
    private final LinkedHashSet<WorkflowNode> admissionQueue = new LinkedHashSet<>();
    private final LinkedHashMap<String, UserSlot> active = new LinkedHashMap<>();
    private Limits limits;
    private int running;

    /** @param orderSeq hands out increasing numbers for activation order (a database sequence in the engine) */
    public RuleBook(Limits limits, LongSupplier orderSeq) {
        this.limits = limits;
        this.orderSeq = orderSeq;
    }

    /** The transitions decided since the last call, in decision order. */
    public List<Transition> drain() {
        List<Transition> decided = List.copyOf(out);
        out.clear();
        return decided;
    }

    public Limits limits() {
        return limits;
    }

    public void setLimits(Limits newLimits) {
        this.limits = newLimits;
    }

    /** A new (empty) workflow; add its jobs, link them, then {@link #submit} or {@link #restore} it. */
    public WorkflowNode newWorkflow(String user, String id, String label, long seq, WorkflowStatus status) {
        return new WorkflowNode(users.computeIfAbsent(user, UserSlot::new), id, label, seq, status);
    }

    /** Rule 3/4: a new workflow joins the back of the admission queue; {@link #settle} admits it when it may. */
    public void submit(WorkflowNode workflow) {
        out.add(Transition.workflow(Kind.WORKFLOW_SUBMITTED, workflow));
        track(workflow);
    }

    /**
     * Rebuilds memory from stored state after a restart (call for workflows in submission order, users' slots
     * first with {@link #restoreActiveUser}). A RUNNING job here has a live worker.
     */
    public void restore(WorkflowNode workflow) {
        track(workflow);
        for (JobNode job : workflow.jobs) {
            if (job.status == JobStatus.RUNNING) {
                running++;
                workflow.user.running++;
            }
        }
        for (JobNode job : workflow.jobs) {
            if (job.status == JobStatus.PENDING && job.cancelRequested) {
                job.cancelRequested = false;
                cancelJob(job, job.cancelReason);
            }
        }
    }

    /** Restores an active slot with its activation order, before {@link #restore}-ing workflows. */
    public void restoreActiveUser(String user, long activationSeq) {
        UserSlot slot = users.computeIfAbsent(user, UserSlot::new);
        slot.active = true;
        slot.activationSeq = activationSeq;
        active.put(user, slot);
        reorderActive();
    }

    private void track(WorkflowNode workflow) {
        workflows.put(workflow.id(), workflow);
        workflow.user.unfinishedWorkflows++;
        if (workflow.status == WorkflowStatus.WAITING) {
            admissionQueue.add(workflow);
        } else {
            workflow.user.admittedUnfinished++;
        }
        for (JobNode job : workflow.jobs) {
            if (!job.status.isTerminal()) {
                lanes.computeIfAbsent(laneKey(job), k -> new LinkedHashSet<>()).add(job);
            }
        }
        for (JobNode job : workflow.jobs) {
            promote(job);
        }
    }

    /** A worker returned. Success/failure count only if nobody asked to cancel the job meanwhile. */
    public void jobEnded(JobNode job, boolean succeeded, String failure) {
        if (job.status != JobStatus.RUNNING) {
            return;
        }
        if (job.cancelRequested) {
            end(job, JobStatus.CANCELLED, job.cancelReason);
        } else if (succeeded) {
            end(job, JobStatus.SUCCEEDED, null);
        } else {
            end(job, JobStatus.FAILED, failure);
        }
    }

    /**
     * Rule 11: a PENDING job ends CANCELLED now; a RUNNING one is asked to stop (a CANCEL_REQUESTED
     * transition: the engine interrupts it) and ends CANCELLED when its worker returns.
     *
     * @return false if the job was already terminal or already asked to stop
     */
    public boolean cancelJob(JobNode job, String reason) {
        if (job.status == JobStatus.PENDING) {
            end(job, JobStatus.CANCELLED, reason);
            return true;
        }
        if (job.status == JobStatus.RUNNING && !job.cancelRequested) {
            job.cancelRequested = true;
            job.cancelReason = reason;
            out.add(Transition.job(Kind.CANCEL_REQUESTED, job, reason));
            return true;
        }
        return false;
    }

    /** Cancels every unfinished job of the workflow (PENDING ones first, so none of them starts meanwhile). */
    public boolean cancelWorkflow(WorkflowNode workflow, String reason) {
        boolean changed = false;
        for (JobNode job : workflow.jobs) {
            if (job.status == JobStatus.PENDING) {
                changed |= cancelJob(job, reason);
            }
        }
        for (JobNode job : workflow.jobs) {
            changed |= cancelJob(job, reason);
        }
        return changed;
    }

    private void end(JobNode job, JobStatus status, String reason) {
        WorkflowNode workflow = job.workflow;
        UserSlot user = workflow.user;
        boolean wasRunning = job.status == JobStatus.RUNNING;
        job.status = status;
        out.add(Transition.job(switch (status) {
            case SUCCEEDED -> Kind.JOB_SUCCEEDED;
            case FAILED -> Kind.JOB_FAILED;
            default -> Kind.JOB_CANCELLED;
        }, job, reason));
        if (wasRunning) {
            running--;
            user.running--;
        }
        leaveLane(job);
        if (status == JobStatus.SUCCEEDED) {
            for (JobNode dependent : job.dependents) {
                dependent.unmetDependencies--;
                promote(dependent);
            }
        } else if (status == JobStatus.FAILED) {
            workflow.failed++;
        } else {
            workflow.cancelled++;
        }
        workflow.unfinished--;
        if (status != JobStatus.SUCCEEDED) {
            failFast(job, "upstream job " + job.key() + (status == JobStatus.FAILED ? " failed" : " was cancelled"));
        }
        if (workflow.unfinished == 0 && !workflow.status.isTerminal()) {
            finish(workflow);
        }
    }

    /** A terminal job leaves its lane and its user's ready set; the lane's next job may become ready (rule 6). */
    private void leaveLane(JobNode job) {
        job.workflow.user.ready.remove(job);
        LinkedHashSet<JobNode> lane = lanes.get(laneKey(job));
        lane.remove(job);
        if (lane.isEmpty()) {
            lanes.remove(laneKey(job));
        } else {
            promote(lane.getFirst());
        }
    }

    /** Rule 8: later jobs of the same workflow in the same branch, and dependents, transitively. */
    private void failFast(JobNode upstream, String reason) {
        ArrayDeque<JobNode> todo = new ArrayDeque<>(downstream(upstream));
        while (!todo.isEmpty()) {
            JobNode job = todo.poll();
            if (job.status == JobStatus.PENDING) {
                job.status = JobStatus.CANCELLED;
                job.workflow.cancelled++;
                job.workflow.unfinished--;
                leaveLane(job);
                out.add(Transition.job(Kind.JOB_CANCELLED, job, reason));
                todo.addAll(downstream(job));
            } else if (job.status == JobStatus.RUNNING) {
                cancelJob(job, reason);
            }
        }
    }

    private static List<JobNode> downstream(JobNode job) {
        List<JobNode> result = new ArrayList<>(job.dependents);
        for (JobNode other : job.workflow.jobs) {
            if (other.index() > job.index() && other.branch().equals(job.branch())) {
                result.add(other);
            }
        }
        return result;
    }

    private void finish(WorkflowNode workflow) {
        boolean wasAdmitted = workflow.admitted();
        workflow.status = workflow.outcome();
        out.add(Transition.workflow(Kind.WORKFLOW_FINISHED, workflow));
        workflows.remove(workflow.id());
        admissionQueue.remove(workflow);
        workflow.user.unfinishedWorkflows--;
        if (wasAdmitted) {
            workflow.user.admittedUnfinished--;
        }
    }

    /** Rules 5, 3/4 and 9/10, in that order: release idle users, admit FIFO, start ready jobs on free workers. */
    public void settle() {
        releaseIdleUsers();
        admit();
        dispatch();
    }

    private void releaseIdleUsers() {
        Iterator<UserSlot> it = active.values().iterator();
        while (it.hasNext()) {
            UserSlot user = it.next();
            if (user.admittedUnfinished == 0) {
                it.remove();
                user.active = false;
                out.add(Transition.user(Kind.USER_RELEASED, user));
            }
        }
    }

    private void admit() {
        Iterator<WorkflowNode> it = admissionQueue.iterator();
        while (it.hasNext()) {
            WorkflowNode head = it.next();
            UserSlot user = head.user;
            if (!user.active) {
                if (active.size() >= limits.maxActiveUsers()) {
                    return;
                }
                user.active = true;
                user.activationSeq = orderSeq.getAsLong();
                active.put(user.name(), user);
                out.add(Transition.user(Kind.USER_ACTIVATED, user));
            }
            it.remove();
            head.status = WorkflowStatus.RUNNING;
            user.admittedUnfinished++;
            out.add(Transition.workflow(Kind.WORKFLOW_ADMITTED, head));
            for (JobNode job : head.jobs) {
                promote(job);
            }
        }
    }

    private void dispatch() {
        while (running < limits.maxWorkers()) {
            UserSlot pick = null;
            for (UserSlot user : active.values()) {
                if (!user.ready.isEmpty() && (pick == null || user.running < pick.running)) {
                    pick = user;
                }
            }
            if (pick == null) {
                return;
            }
            JobNode job = pick.ready.pollFirst();
            job.status = JobStatus.RUNNING;
            running++;
            pick.running++;
            out.add(Transition.job(Kind.JOB_STARTED, job, null));
        }
    }

    /** Adds the job to its user's ready set if every rule but the worker cap lets it start. */
    private void promote(JobNode job) {
        if (job.status == JobStatus.PENDING && job.workflow.admitted() && job.unmetDependencies == 0
                && isLaneHead(job)) {
            job.workflow.user.ready.add(job);
        }
    }

    boolean isLaneHead(JobNode job) {
        LinkedHashSet<JobNode> lane = lanes.get(laneKey(job));
        return lane != null && lane.getFirst() == job;
    }

    /** The unfinished jobs of the job's (user, branch) lane, in submission order. */
    Collection<JobNode> lane(JobNode job) {
        return lanes.getOrDefault(laneKey(job), new LinkedHashSet<>());
    }

    private static String laneKey(JobNode job) {
        return job.workflow.user() + '\u0000' + job.branch();
    }

    public WorkflowNode workflow(String id) {
        return workflows.get(id);
    }

    public Collection<WorkflowNode> workflows() {
        return workflows.values();
    }

    /** Workflows not admitted yet, in the order they will be admitted. */
    public List<WorkflowNode> admissionQueue() {
        return List.copyOf(admissionQueue);
    }

    /** Active users in activation order. */
    public List<String> activeUsers() {
        return List.copyOf(active.keySet());
    }

    Collection<UserSlot> activeSlots() {
        return active.values();
    }

    public int running() {
        return running;
    }

    /** True when nothing is unfinished: no workflow, no running job. */
    public boolean idle() {
        return workflows.isEmpty() && running == 0;
    }

    private void reorderActive() {
        List<UserSlot> sorted = new ArrayList<>(active.values());
        sorted.sort((a, b) -> Long.compare(a.activationSeq, b.activationSeq));
        active.clear();
        sorted.forEach(u -> active.put(u.name(), u));
    }
}
