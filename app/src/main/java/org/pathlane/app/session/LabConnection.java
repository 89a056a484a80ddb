package org.pathlane.app.session;

import java.nio.file.Path;
import java.util.Map;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.model.Limits;

/**
 * How a desktop joins a lab's PostgreSQL instead of its own embedded database: the database address, where its
 * credentials are (a file, or {@code PATHLANE_DB_USER}/{@code PATHLANE_DB_PASSWORD}; never in settings or on the
 * command line), the lab share for results, and how many jobs this desktop runs at once. Set in Settings (kept in
 * {@code settings.json}) or for one run with {@code --db}.
 *
 * @param db          {@code postgresql://host/db}
 * @param credentials a file with lines {@code user=} and {@code password=}, or null for the environment
 * @param results     the results folder every node reaches at the same path (the lab share)
 * @param workers     jobs this desktop runs at once (each node's own {@code maxWorkers})
 */
public record LabConnection(String db, Path credentials, Path results, int workers) {

    public LabConnection {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("the lab database address is empty: give one such as postgresql://dbhost/pathlane");
        }
        if (results == null) {
            throw new IllegalArgumentException("a lab database needs a results folder every node reaches (the lab share)");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be 1 to 256, not " + workers);
        }
        db = db.strip();
    }

    /**
     * The database and credentials as the engine takes them; a bad address, credentials on the address, or
     * credentials that cannot be found fail with one line saying what to do.
     */
    public LabDatabase database(Map<String, String> env) {
        return LabDatabase.parse(db, credentials, env);
    }

    /** The engine's configuration for this desktop as one node of the lab. */
    public SchedulerConfig config(Map<String, String> env) {
        return SchedulerConfig.lab(database(env), results.toAbsolutePath())
                .withLimits(new Limits(workers, Limits.DEFAULT.maxActiveUsers()));
    }

    /** For the opening screen and the log: where this desktop works, without credentials. */
    public String describe() {
        return db + " (results in " + results + ", " + workers + " worker" + (workers == 1 ? "" : "s") + " here)";
    }

    /** {@code --db local}: this workstation's own database for this run, whatever Settings say. */
    public static final LabConnection LOCAL = new LabConnection("local", null, Path.of("."), 1);

    public boolean local() {
        return this == LOCAL;
    }
}
