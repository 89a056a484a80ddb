package org.pathlane.scheduler.model;

/** Why a PENDING job is not running yet (rule 14), most fundamental reason first. */
public enum WaitReason {
    /** Its workflow is not admitted: the user waits for an active-user slot or queues behind waiting users. */
    USER_SLOT,
    /** An earlier job with the same (user, branch) key is not terminal yet. */
    BRANCH,
    /** A job it depends on has not SUCCEEDED yet. */
    DEPENDENCY,
    /** It is ready and waits for a free worker. */
    WORKER
}
