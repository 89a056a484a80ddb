package org.pathlane.scheduler.engine;

import java.util.HashMap;
import java.util.Map;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.persistence.Ids;
import org.pathlane.scheduler.rules.JobNode;
import org.pathlane.scheduler.rules.WorkflowNode;

/** Stores a validated submission and hands it to the rule book: the same op on a workstation and on a lab's decider. */
final class Submissions {

    private Submissions() {
    }

    /** On the engine thread, inside the batch's transaction. @return the workflow's id */
    static String store(EngineLoop.Batch b, String id, String user, WorkflowSpec spec, String retryOf) {
        String name = spec.name() == null || spec.name().isBlank() ? "workflow" : spec.name();
        WorkflowNode node = b.rules().newWorkflow(user, id, name, b.store().nextOrder(b.session()), WorkflowStatus.WAITING);
        Map<String, JobNode> byKey = new HashMap<>();
        for (JobSpec job : spec.jobs()) {
            byKey.put(job.id(), node.addJob(Ids.next(), job.id(), job.branch(), job.type(), job.params(),
                    JobStatus.PENDING, 1));
        }
        for (JobSpec job : spec.jobs()) {
            job.dependsOn().forEach(d -> node.link(byKey.get(job.id()), d));
        }
        b.store().insertWorkflow(b.session(), node, retryOf, b.now());
        b.rules().submit(node);
        return id;
    }
}
