package org.pathlane.scheduler.lab;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.pathlane.scheduler.engine.LabDatabase;

/**
 * The throw-away PostgreSQL that {@code .ci/run} starts ({@code scripts/throwaway-postgres}); each test gets
 * a new database of its own on it. Tests that need it skip, saying why, when it is not there.
 */
public final class TestPostgres implements AutoCloseable {

    private final String address;
    private final String user;
    private final String password;
    private final String name;

    private TestPostgres(String address, String user, String password, String name) {
        this.address = address;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** A new empty database, or the test is skipped with the reason. */
    public static TestPostgres newDatabase() throws SQLException {
        String url = System.getenv("PATHLANE_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "no throw-away PostgreSQL: PATHLANE_TEST_PG_URL is not "
                + "set (.ci/run starts one with scripts/throwaway-postgres; run it the same way to include these tests)");
        String address = url.substring(0, url.lastIndexOf('/'));
        String name = "pl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestPostgres db = new TestPostgres(address, System.getenv("PATHLANE_TEST_PG_USER"),
                System.getenv("PATHLANE_TEST_PG_PASSWORD"), name);
        try (Connection c = DriverManager.getConnection("jdbc:" + url, db.user, db.password);
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return db;
    }

    public LabDatabase lab(String node) {
        return new LabDatabase("jdbc:" + address + "/" + name, user, password, node, LabDatabase.DEFAULT_LEASE, false);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + address + "/" + name, user, password);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:" + address + "/postgres", user, password);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
