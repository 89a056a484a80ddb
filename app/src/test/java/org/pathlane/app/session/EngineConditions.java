package org.pathlane.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;

/**
 * Waits until a condition holds, checked after every engine event and progress report and whenever one of
 * the given observables (a view-model's list) changes, so an update that lands between registering and the
 * first check is never missed. No sleeps.
 */
public final class EngineConditions {

    private EngineConditions() {
    }

    public static void await(Scheduler scheduler, String what, BooleanSupplier condition, Observable... watched)
            throws InterruptedException {
        CountDownLatch met = new CountDownLatch(1);
        SchedulerListener check = new SchedulerListener() {
            @Override
            public void onEvent(SchedulerEvent event) {
                test();
            }

            @Override
            public void onProgress(String user, String workflowId, String jobId, long done, long total, String message) {
                test();
            }

            private void test() {
                if (condition.getAsBoolean()) {
                    met.countDown();
                }
            }
        };
        // An admin sees every user's events; the conditions here are about any of them.
        String observer = scheduler.profiles().list().stream().filter(org.pathlane.scheduler.model.UserProfile::admin)
                .findFirst().or(() -> scheduler.profiles().list().stream().findFirst())
                .map(org.pathlane.scheduler.model.UserProfile::name).orElseThrow();
        scheduler.addListener(observer, check);
        InvalidationListener changed = o -> {
            if (condition.getAsBoolean()) {
                met.countDown();
            }
        };
        for (Observable o : watched) {
            o.addListener(changed);
        }
        try {
            if (condition.getAsBoolean()) {
                return;
            }
            assertThat(met.await(20, TimeUnit.SECONDS)).as("within 20 s: " + what).isTrue();
        } finally {
            scheduler.removeListener(check);
            for (Observable o : watched) {
                o.removeListener(changed);
            }
        }
    }
}
