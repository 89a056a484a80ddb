package org.pathlane.scheduler.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.cfg.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's database: a HikariCP pool, the Flyway-migrated schema and a Hibernate session factory.
 *
 * <p>The H2 file database is opened with {@code WRITE_DELAY=0}: H2 then writes every commit to its file
 * before the commit returns, so a process killed with {@code kill -9} loses nothing it committed (H2's
 * default delays writes by up to 500 ms). A damaged file, or one written by a newer PathLane, is reported
 * with its path and left untouched.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The file name stem inside the data dir; H2 adds {@code .mv.db}. */
    public static final String FILE_STEM = "pathlane";

    private final HikariDataSource dataSource;
    private final SessionFactory sessions;
    private final String description;

    private Database(HikariDataSource dataSource, SessionFactory sessions, String description) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.description = description;
    }

    /** The H2 file database {@code <dataDir>/pathlane.mv.db}, created on first use. */
    public static Database openFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new DatabaseException("Cannot create the data folder " + dataDir + ": " + e.getMessage()
                    + "; choose a writable folder with --data-dir or PATHLANE_HOME", e);
        }
        Path stem = dataDir.toAbsolutePath().resolve(FILE_STEM);
        return open("jdbc:h2:file:" + stem + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=32", "database file " + stem + ".mv.db");
    }

    /** A private in-memory H2 database (unit tests only: nothing survives the JVM). */
    public static Database openInMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "in-memory database " + name);
    }

    /** Any JDBC URL (H2 or PostgreSQL); {@code description} names it in error messages. */
    public static Database open(String jdbcUrl, String description) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(4);
        config.setPoolName("pathlane-db");
        config.setInitializationFailTimeout(1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(description, e);
        }
        try {
            migrate(dataSource, description);
            return new Database(dataSource, buildSessionFactory(dataSource), description);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e instanceof DatabaseException ? e : openFailure(description, e);
        }
    }

    private static DatabaseException openFailure(String description, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        int code = root instanceof SQLException sql ? sql.getErrorCode() : 0;
        String advice = switch (code) {
            case 90020 -> "another PathLane is using it; close it first";
            case 90030, 90048, 90031 -> "the file is damaged or not a PathLane database; PathLane did not change it. "
                    + "Restore it from a backup or move it aside to start with an empty database";
            default -> "check the file and its permissions; PathLane did not change it";
        };
        return new DatabaseException("Cannot open " + description + ": " + detail + " (" + advice + ")", e);
    }

    private static void migrate(HikariDataSource dataSource, String description) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .validateMigrationNaming(true).load();
        MigrationInfo[] all = flyway.info().all();
        MigrationVersion known = Arrays.stream(all).filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
        for (MigrationInfo m : all) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new DatabaseException("Cannot open " + description + ": it was written by a newer PathLane "
                        + "(schema version " + m.getVersion() + "; this PathLane knows up to " + known
                        + "). Upgrade PathLane; the database was not changed", null);
            }
        }
        boolean existing = flyway.info().current() != null;
        var result = flyway.migrate();
        if (result.migrationsExecuted > 0 && existing) {
            LOG.info("Upgraded {} to schema version {}", description, result.targetSchemaVersion);
        } else if (result.migrationsExecuted > 0) {
            LOG.debug("Created {} at schema version {}", description, result.targetSchemaVersion);
        }
    }

    private static SessionFactory buildSessionFactory(HikariDataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(UserRecord.class)
                .addAnnotatedClass(WorkflowRecord.class)
                .addAnnotatedClass(JobRecord.class)
                .addAnnotatedClass(SettingRecord.class)
                .addAnnotatedClass(SlideRecord.class);
        configuration.getProperties().put("hibernate.connection.datasource", dataSource);
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        configuration.setProperty("hibernate.jdbc.batch_size", "200");
        configuration.setProperty("hibernate.order_inserts", "true");
        configuration.setProperty("hibernate.show_sql", "false");
        return configuration.buildSessionFactory();
    }

    /** Runs {@code work} in one transaction on a stateless session and commits it; rolls back on any failure. */
    public <T> T inTransaction(Function<StatelessSession, T> work) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            var tx = session.beginTransaction();
            try {
                T result = work.apply(session);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            }
        }
    }

    SessionFactory sessions() {
        return sessions;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        sessions.close();
        dataSource.close();
    }
}
