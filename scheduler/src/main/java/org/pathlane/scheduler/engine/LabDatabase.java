package org.pathlane.scheduler.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A shared PostgreSQL database of a lab, as given with {@code --db postgresql://host[:port]/database}. The
 * credentials come from a file ({@code --db-credentials FILE}: lines {@code user=...} and {@code password=...})
 * or from the environment ({@code PATHLANE_DB_USER}, {@code PATHLANE_DB_PASSWORD}), never from the command
 * line, and never appear in messages or logs.
 *
 * @param node    this PathLane's name in the lab (host name, process id and a random suffix by default)
 * @param lease   how long the engine lease lasts without renewal: after a node dies, another takes over within it
 * @param standby kept for callers of the one-engine lab mode; every node now joins the lab as a worker, and
 *                the one holding the engine lease decides
 * @param eventLog the decider appends every committed event to {@code pl_event} (for {@code pathlane sim --nodes})
 */
public record LabDatabase(String jdbcUrl, String user, String password, String node, Duration lease, boolean standby,
        boolean eventLog) {

    public LabDatabase(String jdbcUrl, String user, String password, String node, Duration lease, boolean standby) {
        this(jdbcUrl, user, password, node, lease, standby, false);
    }

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(20);

    /** Parses {@code --db} and finds the credentials; throws {@link IllegalArgumentException} with one line. */
    public static LabDatabase parse(String db, Path credentialsFile, Map<String, String> env) {
        String url = db.strip();
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            url = "jdbc:postgresql://" + url.substring(url.indexOf("://") + 3);
        }
        if (!url.startsWith("jdbc:postgresql://") || url.length() == "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("--db " + db + ": give a PostgreSQL address such as "
                    + "postgresql://dbhost/pathlane or postgresql://dbhost:5432/pathlane");
        }
        String authority = url.substring("jdbc:postgresql://".length()).split("[/?]", 2)[0];
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (authority.contains("@") || lower.contains("password=") || lower.contains("user=")) {
            throw new IllegalArgumentException("--db: user names and passwords do not go on the command line (other "
                    + "users of this machine can read it); put them in a file given with --db-credentials, or in "
                    + "PATHLANE_DB_USER and PATHLANE_DB_PASSWORD");
        }
        String user = null;
        String password = null;
        if (credentialsFile != null) {
            String text;
            try {
                text = Files.readString(credentialsFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("--db-credentials " + credentialsFile + ": cannot read it ("
                        + e.getMessage() + ")");
            }
            for (String line : text.lines().map(String::stripLeading).toList()) {
                if (line.startsWith("user=")) {
                    user = line.substring(5).strip();
                } else if (line.startsWith("password=")) {
                    password = line.substring(9);
                }
            }
            if (user == null || user.isEmpty() || password == null) {
                throw new IllegalArgumentException("--db-credentials " + credentialsFile + ": needs a line user=NAME "
                        + "and a line password=SECRET");
            }
        } else {
            user = env.get("PATHLANE_DB_USER");
            password = env.get("PATHLANE_DB_PASSWORD");
            if (user == null || user.isBlank() || password == null) {
                throw new IllegalArgumentException("--db " + db + ": no credentials; give --db-credentials FILE (lines "
                        + "user=NAME and password=SECRET) or set PATHLANE_DB_USER and PATHLANE_DB_PASSWORD");
            }
        }
        return new LabDatabase(url, user, password, defaultNode(), DEFAULT_LEASE, false);
    }

    static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public LabDatabase withStandby(boolean wait) {
        return new LabDatabase(jdbcUrl, user, password, node, lease, wait, eventLog);
    }

    public LabDatabase withLease(Duration newLease) {
        return new LabDatabase(jdbcUrl, user, password, node, newLease, standby, eventLog);
    }

    public LabDatabase withNode(String name) {
        return new LabDatabase(jdbcUrl, user, password, name, lease, standby, eventLog);
    }

    /** The same lab at another JDBC URL (e.g. with {@code currentSchema=} for a simulation's own schema). */
    public LabDatabase withJdbcUrl(String url) {
        return new LabDatabase(url, user, password, node, lease, standby, eventLog);
    }

    public LabDatabase withEventLog(boolean log) {
        return new LabDatabase(jdbcUrl, user, password, node, lease, standby, log);
    }

    /** The address without credentials, for messages. */
    public String address() {
        return jdbcUrl.substring("jdbc:".length());
    }

    @Override
    public String toString() {
        return "LabDatabase[" + address() + ", user " + user + ", node " + node + "]";
    }
}
