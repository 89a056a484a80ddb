package org.pathlane.scheduler.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
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
 * default delays writes by up to 500 ms), and append-only (see {@link #appendOnly}); {@link DatabaseCompactor}
 * keeps it small at open and close. A damaged file, or one written by a newer PathLane, is reported
 * with its path and left untouched.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The newest migration ({@code db/migration/V<n>__*.sql}) this PathLane has; a test keeps it in step. */
    public static final int SCHEMA_VERSION = 5;
    /** The file name stem inside the data dir; H2 adds {@code .mv.db}. */
    public static final String FILE_STEM = "pathlane";

    private final HikariDataSource dataSource;
    private final SessionFactory sessions;
    private final String description;
    /** The data folder of an H2 file database, compacted after close; null for other databases. */
    private volatile Path compactAfterClose;

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
        // After a kill the file was not compacted at close. Only a file that opens is compacted: open it, and if
        // it is mostly dead space close it (which compacts) and open it again.
        String description = "database file " + stem + ".mv.db";
        // Every check that can refuse the file reads it without write access, so a refused file is never changed.
        inspect(dataDir.toAbsolutePath().resolve(FILE_STEM + ".mv.db"), stem, description);
        boolean wasteful = DatabaseCompactor.isWasteful(dataDir);
        String url = "jdbc:h2:file:" + stem + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=32";
        Database database = open(url, description);
        database.compactAfterClose = dataDir;
        if (wasteful) {
            database.close();
            database = open(url, description);
            database.compactAfterClose = dataDir;
        }
        return database;
    }

    /** A private in-memory H2 database (unit tests only: nothing survives the JVM). */
    public static Database openInMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "in-memory database " + name);
    }

    /** Any JDBC URL (H2 or PostgreSQL); {@code description} names it in error messages. */
    public static Database open(String jdbcUrl, String description) {
        return open(jdbcUrl, description, null, null);
    }

    /** A database that needs a user and a password (a lab's PostgreSQL); they go to the driver only. */
    public static Database open(String jdbcUrl, String description, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(4);
        config.setPoolName("pathlane-db");
        config.setInitializationFailTimeout(1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(description, e);
        }
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            appendOnly(dataSource, description);
        }
        try {
            migrate(dataSource, description);
            return new Database(dataSource, buildSessionFactory(dataSource), description);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e instanceof DatabaseException ? e : openFailure(description, e);
        }
    }

    /**
     * Makes H2 write every commit after the end of the file instead of into the space of dead chunks. With space
     * reuse on, a process killed with {@code kill -9} can come back to an older state: after a kill the store
     * finds the newest chunk by following the chain from the file header, and a commit written into reused
     * space in the middle of the file is not found, so the store opens at an earlier chunk and commits that were
     * confirmed are gone (measured: up to 74 confirmed workflows lost in 12 kills on a database with 49k
     * finished jobs; none in 100 kills append-only). The file then only grows while PathLane runs;
     * {@link DatabaseCompactor} rewrites it compactly while no one has it open.
     */
    private static void appendOnly(HikariDataSource dataSource, String description) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            var session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
            session.getDatabase().getStore().getMvStore().getFileStore().setReuseSpace(false);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw openFailure(description, e);
        }
    }

    /**
     * Refuses an existing file that is not a PathLane database this PathLane can use: empty, damaged,
     * encrypted, another program's, or from a newer PathLane. The file is opened read-only (H2 opens it without
     * write access), so nothing here can change it; a missing file is left for {@link #open} to create.
     */
    private static void inspect(Path file, Path stem, String description) {
        long size;
        try {
            if (!Files.exists(file)) {
                return;
            }
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new DatabaseException("Cannot open " + description + ": " + e.getMessage()
                    + " (check the file and its permissions; PathLane did not change it)", e);
        }
        if (size == 0) {
            throw new DatabaseException("Cannot open " + description + ": the file is empty (0 bytes), so it holds "
                    + "no PathLane data; PathLane did not change it. If it is your lab's database, restore it from a "
                    + "backup; to start with a new database, move the file aside", null);
        }
        refuseTruncated(file, size, description);
        org.h2.jdbcx.JdbcDataSource readOnly = new org.h2.jdbcx.JdbcDataSource();
        readOnly.setURL("jdbc:h2:file:" + stem + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE");
        try (java.sql.Connection c = readOnly.getConnection()) {
            boolean history = false;
            boolean tables = false;
            try (var rows = c.createStatement().executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'PUBLIC'")) {
                while (rows.next()) {
                    tables = true;
                    history |= rows.getString(1).equals("flyway_schema_history");
                }
            }
            if (tables && !history) {
                throw new DatabaseException("Cannot open " + description + ": it is an H2 database but not a PathLane "
                        + "database (it has tables of another program); PathLane did not change it. Choose another "
                        + "data folder with --data-dir or PATHLANE_HOME, or move the file aside", null);
            }
            if (history) {
                refuseNewer(storedVersion(c), description);
            }
        } catch (SQLException | RuntimeException e) {
            throw e instanceof DatabaseException d ? d : openFailure(description, e, true);
        }
    }

    /**
     * H2 would open a file cut short (an interrupted copy, a full disk) at some older state it still finds, and
     * then write to it: the lab would silently lose everything after that state. The file's header names the
     * newest chunk it knows of; if that chunk does not fit in the file, the file is refused.
     */
    private static void refuseTruncated(Path file, long size, String description) {
        byte[] head = new byte[8192];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (java.io.IOException e) {
            throw new DatabaseException("Cannot open " + description + ": " + e.getMessage()
                    + " (check the file and its permissions; PathLane did not change it)", e);
        }
        long newest = -1;
        long blockSize = 4096;
        for (int at = 0; at + 4096 <= read; at += 4096) {
            var fields = headerFields(new String(head, at, 4096, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (fields.containsKey("H") && fields.containsKey("block")) {
                try {
                    blockSize = Long.parseLong(fields.getOrDefault("blockSize", "1000"), 16);
                    newest = Math.max(newest, Long.parseLong(fields.get("block"), 16));
                } catch (NumberFormatException e) {
                    // a damaged header: H2 itself reports it below
                }
            }
        }
        if (newest < 0) {
            return;
        }
        long chunkAt = newest * blockSize;
        long chunkEnd = chunkAt + blockSize;
        if (chunkAt < size) {
            try (var channel = java.nio.channels.FileChannel.open(file)) {
                var buffer = java.nio.ByteBuffer.allocate((int) Math.min(1024, size - chunkAt));
                channel.read(buffer, chunkAt);
                var chunk = headerFields(new String(buffer.array(), 0, buffer.position(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
                chunkEnd = chunkAt + Long.parseLong(chunk.getOrDefault("len", "1"), 16) * blockSize;
            } catch (java.io.IOException | NumberFormatException e) {
                chunkEnd = chunkAt + blockSize;
            }
        }
        if (chunkEnd > size) {
            throw new DatabaseException("Cannot open " + description + ": the file is cut short (" + size
                    + " bytes, but its newest data ends at byte " + chunkEnd + "), as after an interrupted copy or "
                    + "a full disk; PathLane did not change it. Copy the file again or restore it from a backup", null);
        }
    }

    private static java.util.Map<String, String> headerFields(String text) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        int end = text.indexOf('\n');
        for (String field : (end < 0 ? text : text.substring(0, end)).split(",")) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                fields.put(field.substring(0, colon).trim(), field.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** A database whose schema is newer than {@link #SCHEMA_VERSION} is refused, unchanged. */
    private static void refuseNewer(int stored, String description) {
        if (stored > SCHEMA_VERSION) {
            throw new DatabaseException("Cannot open " + description + ": it was written by a newer PathLane "
                    + "(schema version " + stored + "; this PathLane knows up to " + SCHEMA_VERSION
                    + "). Upgrade PathLane; the database was not changed", null);
        }
    }

    /**
     * The schema version Flyway recorded: the highest successful migration, 0 for a database without
     * PathLane's history table, -1 when the history holds something Flyway itself must judge (a failed
     * migration, a version that is not a whole number).
     */
    static int storedVersion(java.sql.Connection c) throws SQLException {
        boolean exists;
        try (var tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            exists = tables.next();
        }
        if (!exists) {
            return 0;
        }
        int max = 0;
        try (var s = c.createStatement();
                var rows = s.executeQuery("select \"version\", \"success\" from \"flyway_schema_history\"")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version == null) {
                    continue;
                }
                if (!rows.getBoolean(2)) {
                    return -1;
                }
                try {
                    max = Math.max(max, Integer.parseInt(version.strip()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return max;
    }

    private static DatabaseException openFailure(String description, Throwable e) {
        return openFailure(description, e, false);
    }

    /** {@code unreadable}: H2 could not read the file even without write access, so it is damaged or foreign. */
    private static DatabaseException openFailure(String description, Throwable e, boolean unreadable) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root instanceof java.io.EOFException ? "the file ends before its first block does"
                : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        int code = 0;
        for (Throwable t = e; t != null && code == 0; t = t.getCause() == t ? null : t.getCause()) {
            code = t instanceof SQLException sql ? sql.getErrorCode() : 0;
        }
        String advice = switch (code) {
            case 90020 -> "another PathLane is using it; close it first";
            case 28000 -> "it is protected by a password, so it is not PathLane's own database; PathLane did not "
                    + "change it. Choose another data folder, or move the file aside";
            case 90030, 90048, 90031, 50000 -> "the file is damaged or not a PathLane database (an encrypted file looks "
                    + "the same); PathLane did not change it. Restore it from a backup, or move it aside to start with "
                    + "an empty database";
            default -> unreadable && !(root instanceof java.nio.file.AccessDeniedException)
                    ? "the file is damaged or not a PathLane database; PathLane did not change it. Restore it from a "
                            + "backup, or move it aside to start with an empty database"
                    : "check the file and its permissions; PathLane did not change it";
        };
        return new DatabaseException("Cannot open " + description + ": " + detail + " (" + advice + ")", e);
    }

    private static void migrate(HikariDataSource dataSource, String description) {
        int stored;
        try (java.sql.Connection c = dataSource.getConnection()) {
            stored = storedVersion(c);
        } catch (SQLException e) {
            throw openFailure(description, e);
        }
        refuseNewer(stored, description);
        if (stored == SCHEMA_VERSION) {
            // Up to date: Flyway would only read the history again (seconds on a cold start) and do nothing.
            return;
        }
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .validateMigrationNaming(true).load();
        boolean existing = stored != 0;
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
            } catch (RuntimeException | Error e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            }
        }
    }

    /** The pool itself, for tests that look at the schema. */
    javax.sql.DataSource dataSourceForTests() {
        return dataSource;
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
        Path dataDir = compactAfterClose;
        if (dataDir != null) {
            compactAfterClose = null;
            DatabaseCompactor.compactIfWasteful(dataDir);
        }
    }
}
