package org.pathlane.scheduler.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.pathlane.scheduler.model.JobStatus;

/** A row of {@code pl_job}. Parameters and dependency keys are stored as JSON text. */
@Entity
@Table(name = "pl_job")
class JobRecord {
    @Id
    String id;
    @Column(name = "workflow_id")
    String workflowId;
    @Column(name = "job_key")
    String key;
    @Column(name = "job_index")
    int index;
    String branch;
    @Column(name = "job_type")
    String type;
    String params;
    @Column(name = "depends_on")
    String dependsOn;
    @Enumerated(EnumType.STRING)
    JobStatus status;
    int attempt;
    @Column(name = "cancel_requested")
    boolean cancelRequested;
    String reason;
    @Column(name = "started_at")
    Long startedAt;
    @Column(name = "finished_at")
    Long finishedAt;
    /** The lab node a RUNNING job was given to (null on a single workstation); written only by the lab's decider. */
    @Column(name = "node_name", insertable = false, updatable = false)
    String nodeName;
}
