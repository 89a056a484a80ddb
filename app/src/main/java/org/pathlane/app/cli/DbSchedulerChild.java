package org.pathlane.app.cli;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * One db-scheduler instance of {@link DbSchedulerBench}, in a JVM of its own as a PathLane node is: task
 * {@code noop} does nothing, task {@code long} blocks until interrupted. Prints {@code READY}; runs until its
 * standard input closes. Args: JDBC URL, scheduler name, threads, heartbeat ms, polling ms; credentials from
 * {@code PATHLANE_DB_USER}/{@code PATHLANE_DB_PASSWORD}.
 */
public final class DbSchedulerChild {

    static final OneTimeTask<Void> NOOP = Tasks.oneTime("noop").execute((instance, context) -> { });
    static final OneTimeTask<Void> LONG = Tasks.oneTime("long").execute((instance, context) -> {
        try {
            Thread.sleep(Duration.ofMinutes(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    });

    private DbSchedulerChild() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(System.getenv("PATHLANE_DB_USER"));
        config.setPassword(System.getenv("PATHLANE_DB_PASSWORD"));
        config.setMaximumPoolSize(Integer.parseInt(args[2]) + 2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Scheduler scheduler = Scheduler.create(dataSource, NOOP, LONG)
                    .schedulerName(new SchedulerName.Fixed(args[1]))
                    .threads(Integer.parseInt(args[2]))
                    .heartbeatInterval(Duration.ofMillis(Long.parseLong(args[3])))
                    .missedHeartbeatsLimit(4)
                    .pollingInterval(Duration.ofMillis(Long.parseLong(args[4])))
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .build();
            scheduler.start();
            System.out.println("READY " + args[1]);
            System.out.flush();
            while (System.in.read() != -1) {
                // the end of the stream is the signal to stop
            }
            scheduler.stop();
        }
    }
}
