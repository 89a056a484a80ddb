package org.pathlane.scheduler.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a node's poll as soon as there is something for it on a PostgreSQL lab database: every request for the
 * decider and every job the decider gives to another node (or asks to stop there) is followed, at its commit, by a
 * {@code NOTIFY} on one channel ({@link org.pathlane.scheduler.persistence.ClusterStore#CHANNEL}), and each node
 * waits for it on a connection of its own instead of sleeping a whole poll interval. The poll stays the safety
 * net: a lost connection only makes a node wait for its next poll until it has connected again.
 */
final class LabWakeups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabWakeups.class);

    private final LabDatabase lab;
    private Connection connection;
    private boolean failing;

    LabWakeups(LabDatabase lab) {
        this.lab = lab;
    }

    /** Whether the lab database can notify (PostgreSQL); H2 cannot, and its nodes only poll. */
    static boolean available(LabDatabase lab) {
        return lab.jdbcUrl().startsWith("jdbc:postgresql:");
    }

    /** Waits up to {@code millis} for a notification (or sleeps that long when it cannot listen). */
    void await(long millis) throws InterruptedException {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(lab.jdbcUrl(), lab.user(), lab.password());
                try (Statement s = connection.createStatement()) {
                    s.execute("listen " + org.pathlane.scheduler.persistence.ClusterStore.CHANNEL);
                }
                failing = false;
            }
            connection.unwrap(PGConnection.class).getNotifications((int) millis);
        } catch (SQLException e) {
            if (!failing) {
                LOG.debug("Cannot listen for the lab's notifications ({}); polling only until it can", e.getMessage());
                failing = true;
            }
            close();
            Thread.sleep(millis);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the notification connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
