-- Lab-wide mode: every node a worker, one decider at a time (the holder of the 'engine' lease of V2).
-- Portable SQL: runs on H2 2.x and PostgreSQL alike. Times are epoch milliseconds of the writer's clock.

-- One row per running node process (a run): its name in the lab, its workers, its heartbeat. A run whose
-- heartbeat is older than the lease is dead; the decider deletes its row and puts its RUNNING jobs back.
create table pl_node (
    node_run     varchar(64)  primary key,
    node_name    varchar(200) not null,
    workers      integer      not null,
    started_at   bigint       not null,
    heartbeat_at bigint       not null
);

-- Which run a RUNNING job was given to, and that run's last heartbeat for it. Null on a single workstation.
alter table pl_job add column node_name varchar(200);
alter table pl_job add column node_run varchar(64);
alter table pl_job add column heartbeat_at bigint;
create index pl_job_by_node_run on pl_job (node_run, status);

-- What nodes ask of the decider (a submission, a cancel, a job's outcome), applied in seq order and deleted
-- in the decider's transaction.
create sequence pl_inbox_seq start with 1 increment by 1;
create table pl_inbox (
    seq        bigint           primary key,
    kind       varchar(16)      not null,
    payload    varchar(1000000) not null,
    created_at bigint           not null
);

-- The decider's committed events in commit order, for a merged trace of several nodes (pathlane sim --nodes);
-- written only when a node is started with its event log on.
create sequence pl_event_seq start with 1 increment by 1;
create table pl_event (
    seq           bigint        primary key,
    at_ms         bigint        not null,
    event         varchar(32)   not null,
    user_name     varchar(64)   not null,
    workflow_name varchar(200),
    job_key       varchar(200),
    branch        varchar(200),
    reason        varchar(4000),
    state         varchar(16),
    node_name     varchar(200)
);
