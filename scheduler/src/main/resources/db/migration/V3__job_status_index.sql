-- At start PathLane puts RUNNING jobs back to PENDING and checks that every stored status is one it knows;
-- without this index both read every job row ever stored (about a second per 100,000 jobs).
create index pl_job_by_status on pl_job (status);
