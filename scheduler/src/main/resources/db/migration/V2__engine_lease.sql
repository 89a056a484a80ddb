-- One engine at a time decides for a shared database: it holds the 'engine' lease, renews it in every
-- transaction it commits (a conditional update: zero rows means another node took over, and the transaction
-- rolls back), and gives it up when it closes. Times are epoch milliseconds of the holder's clock.
create table pl_lease (
    lease_name varchar(64)  primary key,
    holder     varchar(200) not null,
    expires_at bigint       not null
);
