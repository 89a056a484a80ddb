package org.pathlane.scheduler.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.RuleBook;
import org.pathlane.scheduler.rules.Transition;
import org.pathlane.scheduler.rules.WorkflowNode;
import org.pathlane.scheduler.sim.Scenario;

/**
 * The ideal makespan of a scenario: the same rules, replayed in virtual time with zero overhead (no
 * database, no threads, jobs take exactly their {@code durationMs}). Inputs at the same instant are applied
 * one by one, each followed by a settle, as the engine does. Cancels are not replayed.
 */
public final class ReferenceSimulation {

    private record Pending(long at, long order, Runnable action) {
    }

    private ReferenceSimulation() {
    }

    /** @return milliseconds from the start to the end of the last workflow */
    public static long idealMakespanMs(Scenario scenario) {
        long[] order = {0};
        RuleBook rules = new RuleBook(scenario.limits(), () -> ++order[0]);
        PriorityQueue<Pending> agenda = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.order, b.order));
        long[] now = {0};
        long lastFinish = 0;
        for (Scenario.Submission s : scenario.workflows()) {
            agenda.add(new Pending(s.submitAtMs(), ++order[0], () -> {
                WorkflowNode node = rules.newWorkflow(s.user(), UUID.randomUUID().toString(), s.id(), ++order[0],
                        WorkflowStatus.WAITING);
                Map<String, JobNode> byKey = new HashMap<>();
                for (JobSpec job : s.spec().jobs()) {
                    byKey.put(job.id(), node.addJob(job.id(), job.id(), job.branch(), job.type(), job.params(),
                            JobStatus.PENDING, 1));
                }
                for (JobSpec job : s.spec().jobs()) {
                    job.dependsOn().forEach(d -> node.link(byKey.get(job.id()), d));
                }
                rules.submit(node);
            }));
        }
        while (!agenda.isEmpty()) {
            Pending next = agenda.poll();
            now[0] = next.at();
            next.action().run();
            rules.settle();
            for (Transition t : rules.drain()) {
                if (t.kind() == Transition.Kind.JOB_STARTED) {
                    JobNode job = t.job();
                    long duration = ((Number) job.params().getOrDefault("durationMs", 0)).longValue();
                    boolean fails = Boolean.TRUE.equals(job.params().get("fail"));
                    agenda.add(new Pending(now[0] + duration, ++order[0],
                            () -> rules.jobEnded(job, !fails, fails ? "failed on purpose" : null)));
                } else if (t.kind() == Transition.Kind.WORKFLOW_FINISHED) {
                    lastFinish = Math.max(lastFinish, now[0]);
                }
            }
        }
        return lastFinish;
    }
}
