-- A finished workflow can be archived: hidden from the dashboard by default, kept with its jobs and results
-- (nothing is deleted) and unarchived at will. Portable SQL: runs on H2 2.x and PostgreSQL alike.
alter table pl_workflow add column archived boolean default false not null;
-- The dashboard lists a user's unarchived workflows newest first, a page at a time.
create index pl_workflow_by_archived_user on pl_workflow (archived, user_name, submit_seq);
