package org.pathlane.scheduler.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.StatelessSession;

/**
 * The lease that makes one engine at a time the decider of a shared database ({@code pl_lease}, row
 * {@code engine}). Taking it is one conditional update (free, expired, or already ours) or the first insert;
 * keeping it is a conditional update inside every transaction the engine commits, so an engine that lost it
 * (paused past its expiry while another node took over) cannot commit anything: its transaction rolls back.
 */
public final class EngineLease {

    static final String NAME = "engine";

    /** Who holds the lease and until when (epoch ms of the holder's clock). */
    public record Holder(String holder, long expiresAt) {
    }

    /** Thrown inside an engine transaction whose lease is gone: the transaction rolls back. */
    public static final class LostException extends RuntimeException {
        public LostException(String message) {
            super(message);
        }
    }

    private final Database database;
    private final String holder;
    private final long ttlMillis;

    public EngineLease(Database database, String holder, long ttlMillis) {
        this.database = database;
        this.holder = holder;
        this.ttlMillis = ttlMillis;
    }

    public String holder() {
        return holder;
    }

    public long ttlMillis() {
        return ttlMillis;
    }

    /** Takes the lease if it is free, expired or ours; otherwise returns who holds it. */
    public Optional<Holder> tryAcquire(long now) {
        return database.inTransaction(session -> {
            Holder[] other = new Holder[1];
            session.doWork(c -> {
                if (update(c, "update pl_lease set holder = ?, expires_at = ? where lease_name = ? "
                        + "and (expires_at < ? or holder = ?)", holder, now + ttlMillis, NAME, now, holder) == 1) {
                    return;
                }
                Holder current = read(c);
                if (current == null) {
                    // The first engine ever on this database: a concurrent first insert loses on the primary key.
                    update(c, "insert into pl_lease (lease_name, holder, expires_at) values (?, ?, ?)", NAME, holder,
                            now + ttlMillis);
                    return;
                }
                other[0] = current;
            });
            return Optional.ofNullable(other[0]);
        });
    }

    /** Inside an engine transaction: renews the lease, or throws {@link LostException} so nothing commits. */
    public void renew(StatelessSession session, long now) {
        session.doWork(c -> {
            if (update(c, "update pl_lease set expires_at = ? where lease_name = ? and holder = ? and expires_at >= ?",
                    now + ttlMillis, NAME, holder, now) != 1) {
                Holder current = read(c);
                throw new LostException("this PathLane (" + holder + ") no longer holds the lab database's engine "
                        + "lease" + (current == null ? "" : "; " + current.holder() + " took over")
                        + ": it stops deciding here (its running jobs go on), and the node holding the lease decides");
            }
        });
    }

    /** Gives the lease up at a clean close, so a waiting node takes over at once. */
    public void release() {
        database.inTransaction(session -> {
            session.doWork(c -> update(c, "update pl_lease set expires_at = 0 where lease_name = ? and holder = ?", NAME, holder));
            return null;
        });
    }

    private static Holder read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select holder, expires_at from pl_lease where lease_name = ?")) {
            s.setString(1, NAME);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Holder(r.getString(1), r.getLong(2)) : null;
            }
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }
}
