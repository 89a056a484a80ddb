package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.UserProfile;

/** Profiles and their permissions, live progress and emitted payloads, result folders, cancelling a sleep. */
class ProfilesAndListenersTest {

    @TempDir
    Path results;

    private static UserProfile profile(String name, boolean admin) {
        return new UserProfile(name, null, admin, null, null);
    }

    @Test
    void profilePermissions() {
        try (Harness h = new Harness(new Limits(2, 2), results)) {
            Profiles profiles = h.scheduler.profiles();
            profiles.create(null, profile("root", true));
            profiles.create(null, profile("tech", false));
            assertThatThrownBy(() -> profiles.create(null, profile("sneaky", true))).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> profiles.create("tech", profile("sneaky", true))).isInstanceOf(SecurityException.class);
            assertThat(profiles.create("root", profile("second", true)).admin()).isTrue();
            assertThatThrownBy(() -> profiles.create(null, profile("tech", false)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> profiles.create(null, profile(" ", false))).isInstanceOf(IllegalArgumentException.class);

            assertThat(profiles.update("tech", new UserProfile("tech", "#FF0000", false, "hash", null)).colour()).isEqualTo("#FF0000");
            assertThatThrownBy(() -> profiles.update("tech", new UserProfile("tech", null, true, null, null)))
                    .isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> profiles.update("tech", new UserProfile("root", "#000000", true, null, null)))
                    .as("another user's profile is invisible").isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> profiles.delete("tech", "second")).isInstanceOf(SecurityException.class);

            h.submit("tech", Harness.job("t1", "A"));
            assertThatThrownBy(() -> profiles.delete("root", "tech")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unfinished");
            profiles.delete("root", "second");
            assertThatThrownBy(() -> profiles.delete("root", "root")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("last admin");
            assertThat(profiles.list()).extracting(UserProfile::name).containsExactly("root", "tech");
        }
    }

    @Test
    void slidesArePrivateToTheirUser() {
        try (Harness h = new Harness(new Limits(2, 2), results)) {
            h.users("a", "b");
            var slide = h.scheduler.profiles().addSlide("a", "/slides/liver.svs", null);
            assertThat(h.scheduler.profiles().slides("b")).isEmpty();
            assertThatThrownBy(() -> h.scheduler.profiles().removeSlide("b", slide.id())).isInstanceOf(NotFoundException.class);
            h.scheduler.profiles().removeSlide("a", slide.id());
            assertThat(h.scheduler.profiles().slides("a")).isEmpty();
        }
    }

    @Test
    void progressAndEmittedPayloadsReachListenersAndTheJobView() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        JobHandler tiles = Harness.handler("tiles", context -> {
            Files.writeString(context.resultDir().resolve("cells.csv"), "x,y\n");
            context.progress().report(3, 10, "tile 3 of 10");
            context.emit(List.of("cell-1", "cell-2"));
            reported.countDown();
            finish.await();
        });
        SchedulerConfig config = SchedulerConfig.jdbc("jdbc:h2:mem:listeners;DB_CLOSE_DELAY=-1", results).withHandler(tiles);
        try (Harness h = new Harness(config)) {
            h.users("a", "b");
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            BlockingQueue<String> seenByB = new LinkedBlockingQueue<>();
            h.scheduler.addListener("a", new SchedulerListener() {
                @Override
                public void onProgress(String user, String workflowId, String jobId, long done, long total, String message) {
                    seen.add("progress " + user + " " + jobId + " " + done + "/" + total + " " + message);
                }

                @Override
                public void onEmit(String user, String workflowId, String jobId, Object payload) {
                    seen.add("emit " + jobId + " " + payload);
                }
            });
            // Another profile's listener gets nothing of a's work: no events, no progress, no payloads.
            h.scheduler.addListener("b", new SchedulerListener() {
                @Override
                public void onEvent(SchedulerEvent event) {
                    seenByB.add("event " + event.type() + " " + event.user());
                }

                @Override
                public void onProgress(String user, String workflowId, String jobId, long done, long total, String message) {
                    seenByB.add("progress " + user);
                }

                @Override
                public void onEmit(String user, String workflowId, String jobId, Object payload) {
                    seenByB.add("emit " + user);
                }
            });
            String id = h.scheduler.submit("a", new WorkflowSpec("seg", List.of(new JobSpec("seg1", "A", "tiles", Map.of(), List.of()))));
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("progress a seg1 3/10 tile 3 of 10");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("emit seg1 [cell-1, cell-2]");
            JobView view = h.scheduler.workflow("a", id).jobs().getFirst();
            assertThat(view.progress()).isEqualTo(new JobView.Progress(3, 10, "tile 3 of 10"));
            assertThat(view.resultDir()).isEqualTo(results.resolve("a").resolve("seg_" + id).resolve("seg1"));
            assertThat(view.resultDir().resolve("cells.csv")).exists();
            finish.countDown();
            h.await(EventType.JOB_SUCCEEDED, "seg1");
            // b's own workflow: the first thing b's listener sees is b's own submission, never a's work.
            h.scheduler.submit("b", new WorkflowSpec("b's", List.of(new JobSpec("n", "A", SleepJob.TYPE, Map.of(), List.of()))));
            assertThat(seenByB.poll(10, TimeUnit.SECONDS)).isEqualTo("event WORKFLOW_SUBMITTED b");
        }
    }

    @Test
    void aCancelledSleepStopsAtOnce() throws Exception {
        try (Harness h = new Harness(new Limits(2, 2), results)) {
            h.users("a");
            String id = h.scheduler.submit("a", new WorkflowSpec("long", List.of(
                    new JobSpec("nap", "A", SleepJob.TYPE, Map.of("durationMs", 600_000), List.of()))));
            h.await(EventType.JOB_STARTED, "nap");
            h.scheduler.cancelWorkflow("a", id);
            assertThat(h.await(EventType.JOB_CANCELLED, "nap").reason()).isEqualTo("workflow cancelled by a");
        }
    }
}
