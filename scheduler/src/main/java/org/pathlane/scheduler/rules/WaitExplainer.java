package org.pathlane.scheduler.rules;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.WaitReason;

/** Rule 14: why a PENDING job waits, and its place in the queue that holds it. */
public final class WaitExplainer {

    /** @param position 1-based place in the relevant queue, 0 where none applies */
    public record Wait(WaitReason reason, int position) {
    }

    private final RuleBook rules;

    public WaitExplainer(RuleBook rules) {
        this.rules = rules;
    }

    /** Null when the job is not PENDING. */
    public Wait explain(JobNode job) {
        if (job.status() != JobStatus.PENDING) {
            return null;
        }
        if (!job.workflow.admitted()) {
            return new Wait(WaitReason.USER_SLOT, rules.admissionQueue().indexOf(job.workflow) + 1);
        }
        if (!rules.isLaneHead(job)) {
            int ahead = 0;
            for (JobNode other : rules.lane(job)) {
                if (other == job) {
                    break;
                }
                ahead++;
            }
            return new Wait(WaitReason.BRANCH, ahead);
        }
        if (job.unmetDependencies > 0) {
            return new Wait(WaitReason.DEPENDENCY, 0);
        }
        return new Wait(WaitReason.WORKER, dispatchRank(job));
    }

    /** The job's place in the order rule 9 would start the ready jobs if nothing else changed. */
    private int dispatchRank(JobNode job) {
        List<UserSlot> users = new ArrayList<>(rules.activeSlots());
        List<Iterator<JobNode>> queues = new ArrayList<>();
        List<JobNode> heads = new ArrayList<>();
        int[] running = new int[users.size()];
        for (int i = 0; i < users.size(); i++) {
            Iterator<JobNode> it = users.get(i).ready.iterator();
            queues.add(it);
            heads.add(it.hasNext() ? it.next() : null);
            running[i] = users.get(i).running;
        }
        int rank = 0;
        while (true) {
            int pick = -1;
            for (int i = 0; i < users.size(); i++) {
                if (heads.get(i) != null && (pick < 0 || running[i] < running[pick])) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return 0;
            }
            rank++;
            if (heads.get(pick) == job) {
                return rank;
            }
            running[pick]++;
            heads.set(pick, queues.get(pick).hasNext() ? queues.get(pick).next() : null);
        }
    }
}
