package org.pathlane.scheduler.rules;

import java.util.TreeSet;

/** A user as the rules see them: active or not, running jobs, admitted work, ready jobs. */
final class UserSlot {

    private final String name;
    boolean active;
    long activationSeq;
    int running;
    int admittedUnfinished;
    int unfinishedWorkflows;
    final TreeSet<JobNode> ready = new TreeSet<>(JobNode.SUBMISSION_ORDER);

    UserSlot(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }
}
