package org.pathlane.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.engine.LabDatabase;

/**
 * The same two figures as {@link org.pathlane.scheduler.bench.ClusterBenchmark} for db-scheduler on the same
 * PostgreSQL: {@code nodes} instances in separate JVMs ({@link DbSchedulerChild}), each with as many threads as
 * a PathLane node has workers, polling as often as a PathLane node does (20 ms, lock-and-fetch) and declared dead
 * after the same time (4 missed heartbeats of a quarter lease). Throughput is of independent one-time tasks (no
 * users, lanes or dependencies: db-scheduler has none), in a schema of its own that is dropped afterwards.
 */
final class DbSchedulerBench {

    private static final long POLL_MS = 20;

    private DbSchedulerBench() {
    }

    /** Tasks per second: {@code tasks} due now, inserted in one transaction, until the last one has run. */
    static double throughput(LabDatabase lab, int nodes, int threads, int tasks, Duration lease) throws Exception {
        return withInstances(lab, nodes, threads, lease, (c, instances, names) -> {
            try (PreparedStatement s = c.prepareStatement("insert into scheduled_tasks (task_name, task_instance, "
                    + "execution_time, picked, version) values ('noop', ?, ?, false, 1)")) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                for (int i = 0; i < tasks; i++) {
                    s.setString(1, "t" + i);
                    s.setTimestamp(2, now);
                    s.addBatch();
                }
                s.executeBatch();
            }
            long start = System.nanoTime();
            while (count(c, "select count(*) from scheduled_tasks where task_name = 'noop'") > 0) {
                Thread.sleep(5);
            }
            return tasks / ((System.nanoTime() - start) / 1e9);
        });
    }

    /** Ms from the SIGKILL of the instance running a long task until another instance has picked it up again. */
    static long takeover(LabDatabase lab, int nodes, int threads, Duration lease) throws Exception {
        return (long) withInstances(lab, nodes, threads, lease, (c, instances, names) -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                        + "values ('long', 'one', now(), false, 1)");
            }
            String runner;
            while ((runner = pickedBy(c)) == null) {
                Thread.sleep(5);
            }
            Process victim = instances.get(names.indexOf(runner));
            victim.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            String again;
            while ((again = pickedBy(c)) == null || again.equals(runner)) {
                Thread.sleep(5);
            }
            return (System.nanoTime() - killed) / 1_000_000;
        });
    }

    @FunctionalInterface
    private interface Measure {
        double run(Connection c, List<Process> instances, List<String> names) throws Exception;
    }

    private static double withInstances(LabDatabase lab, int nodes, int threads, Duration lease, Measure measure)
            throws Exception {
        String schema = "pl_dbsched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = lab.jdbcUrl() + (lab.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        List<Process> instances = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(lab.jdbcUrl(), lab.user(), lab.password())) {
            try (Statement s = admin.createStatement()) {
                s.execute("create schema " + schema);
            }
            try (Connection c = DriverManager.getConnection(url, lab.user(), lab.password())) {
                try (Statement s = c.createStatement()) {
                    s.execute("create table scheduled_tasks (task_name text not null, task_instance text not null, "
                            + "task_data bytea, execution_time timestamp with time zone not null, picked boolean not null, "
                            + "picked_by text, last_success timestamp with time zone, last_failure timestamp with time zone, "
                            + "consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null, "
                            + "priority smallint, primary key (task_name, task_instance))");
                    s.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
                    s.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
                    s.execute("create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
                }
                for (int k = 1; k <= nodes; k++) {
                    names.add("db-scheduler-" + k);
                    instances.add(start(url, lab, names.getLast(), threads, lease));
                }
                for (Process p : instances) {
                    awaitReady(p);
                }
                return measure.run(c, instances, names);
            } finally {
                for (Process p : instances) {
                    p.destroy();
                }
                for (Process p : instances) {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                }
                try (Statement s = admin.createStatement()) {
                    s.execute("drop schema if exists " + schema + " cascade");
                }
            }
        }
    }

    private static String pickedBy(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select picked_by from scheduled_tasks where task_name = 'long' and picked")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Process start(String url, LabDatabase lab, String name, int threads, Duration lease) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                DbSchedulerChild.class.getName(), url, name, Integer.toString(threads),
                Long.toString(Math.max(50, lease.toMillis() / 4)), Long.toString(POLL_MS));
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("PATHLANE_DB_USER", lab.user());
        builder.environment().put("PATHLANE_DB_PASSWORD", lab.password());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static void awaitReady(Process p) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("READY")) {
                return;
            }
        }
        throw new IllegalStateException("a db-scheduler instance did not start (exit " + p.exitValue() + ")");
    }
}
