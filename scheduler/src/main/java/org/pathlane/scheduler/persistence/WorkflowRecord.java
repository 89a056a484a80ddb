package org.pathlane.scheduler.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.pathlane.scheduler.model.WorkflowStatus;

/** A row of {@code pl_workflow}. */
@Entity
@Table(name = "pl_workflow")
class WorkflowRecord {
    @Id
    String id;
    @Column(name = "user_name")
    String user;
    @Column(name = "workflow_name")
    String name;
    @Column(name = "submit_seq")
    long submitSeq;
    @Enumerated(EnumType.STRING)
    WorkflowStatus status;
    @Column(name = "submitted_at")
    long submittedAt;
    @Column(name = "admitted_at")
    Long admittedAt;
    @Column(name = "finished_at")
    Long finishedAt;
    @Column(name = "retry_of")
    String retryOf;
    /** Hidden from the dashboard by default; kept with its jobs and results. */
    boolean archived;
}
