-- PathLane scheduler schema. Portable SQL: runs on H2 2.x and PostgreSQL alike.
-- Times are epoch milliseconds from the engine's clock. Ids are UUID strings (no process-local counters);
-- pl_order_seq orders submissions and activations across every node sharing the database.
create sequence pl_order_seq start with 1 increment by 1;

create table pl_user (
    user_name      varchar(64)  primary key,
    colour         varchar(32)  not null,
    is_admin       boolean      not null,
    password_hash  varchar(1024),
    created_at     bigint       not null,
    slot_active    boolean      not null,
    activation_seq bigint       not null
);

create table pl_workflow (
    id            varchar(36)  primary key,
    user_name     varchar(64)  not null references pl_user (user_name),
    workflow_name varchar(200) not null,
    submit_seq    bigint       not null unique,
    status        varchar(16)  not null,
    submitted_at  bigint       not null,
    admitted_at   bigint,
    finished_at   bigint,
    retry_of      varchar(36)
);
create index pl_workflow_by_status on pl_workflow (status);
create index pl_workflow_by_user on pl_workflow (user_name, submit_seq);

create table pl_job (
    id               varchar(36)    primary key,
    workflow_id      varchar(36)    not null references pl_workflow (id),
    job_key          varchar(200)   not null,
    job_index        integer        not null,
    branch           varchar(200)   not null,
    job_type         varchar(100)   not null,
    params           varchar(1000000) not null,
    depends_on       varchar(1000000) not null,
    status           varchar(16)    not null,
    attempt          integer        not null,
    cancel_requested boolean        not null,
    reason           varchar(4000),
    started_at       bigint,
    finished_at      bigint,
    constraint pl_job_key_in_workflow unique (workflow_id, job_key)
);
create index pl_job_by_workflow on pl_job (workflow_id, job_index);

create table pl_setting (
    setting_name  varchar(64)   primary key,
    setting_value varchar(1000) not null
);

create table pl_slide (
    id        varchar(36)   primary key,
    user_name varchar(64)   not null references pl_user (user_name),
    path      varchar(4000) not null,
    added_at  bigint        not null,
    metadata  varchar(1000000)
);
create index pl_slide_by_user on pl_slide (user_name, added_at);
