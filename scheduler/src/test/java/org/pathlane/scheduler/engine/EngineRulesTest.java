package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathlane.scheduler.engine.Harness.job;
import static org.pathlane.scheduler.event.EventType.JOB_CANCELLED;
import static org.pathlane.scheduler.event.EventType.JOB_FAILED;
import static org.pathlane.scheduler.event.EventType.JOB_STARTED;
import static org.pathlane.scheduler.event.EventType.JOB_SUCCEEDED;
import static org.pathlane.scheduler.event.EventType.USER_ACTIVATED;
import static org.pathlane.scheduler.event.EventType.USER_RELEASED;
import static org.pathlane.scheduler.event.EventType.WORKFLOW_FINISHED;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.UserQueue;
import org.pathlane.scheduler.model.WaitReason;
import org.pathlane.scheduler.model.WorkflowStatus;
import org.pathlane.scheduler.model.WorkflowView;

/** The hand-written cases of issue 3, one per rule that a lab technician would notice breaking. */
class EngineRulesTest {

    @TempDir
    Path results;

    @Test
    void fourthUserWaitsAndWaitingUsersAreActivatedInFifoOrder() throws Exception {
        try (Harness h = new Harness(new Limits(4, 3), results)) {
            h.users("a", "b", "c", "d", "e");
            h.submit("a", job("a1", "x"));
            h.submit("b", job("b1", "x"));
            h.submit("c", job("c1", "x"));
            h.submit("d", job("d1", "x"));
            h.submit("e", job("e1", "x"));
            h.await(JOB_STARTED, "c1");
            assertThat(h.scheduler.userQueue()).isEqualTo(new UserQueue(List.of("a", "b", "c"), List.of("d", "e"), 3));
            assertThat(wait(h, "d", "d1")).isEqualTo(new Wait(WaitReason.USER_SLOT, 1));
            assertThat(wait(h, "e", "e1")).isEqualTo(new Wait(WaitReason.USER_SLOT, 2));

            h.pass("b1");
            h.await(USER_ACTIVATED, "d");
            h.await(JOB_STARTED, "d1");
            assertThat(h.indexOf(USER_RELEASED, "b")).isLessThan(h.indexOf(USER_ACTIVATED, "d"));
            assertThat(h.indexOf(USER_ACTIVATED, "e")).isEqualTo(-1);
            assertThat(h.scheduler.userQueue().waiting()).containsExactly("e");

            h.pass("a1");
            h.await(JOB_STARTED, "e1");
        }
    }

    @Test
    void aWorkflowOfAnActiveUserDoesNotJumpUsersWhoWait() throws Exception {
        try (Harness h = new Harness(new Limits(4, 1), results)) {
            h.users("a", "b");
            h.submit("a", job("a1", "x"));
            h.await(JOB_STARTED, "a1");
            h.submit("b", job("b1", "x"));
            h.submit("a", job("a2", "y"));
            assertThat(wait(h, "a", "a2")).as("a is active, but b waits first").isEqualTo(new Wait(WaitReason.USER_SLOT, 2));

            h.pass("a1");
            h.await(JOB_STARTED, "b1");
            assertThat(h.indexOf(JOB_STARTED, "a2")).isEqualTo(-1);
            assertThat(h.scheduler.userQueue()).isEqualTo(new UserQueue(List.of("b"), List.of("a"), 1));

            h.pass("b1");
            h.await(JOB_STARTED, "a2");
            h.pass("a2");
            h.await(USER_RELEASED, "a");
        }
    }

    @Test
    void failFastCancelsLaterJobsOfTheBranchAndDependentsOfTheSameWorkflowOnly() throws Exception {
        try (Harness h = new Harness(new Limits(4, 3), results)) {
            h.users("a");
            String first = h.submit("a", job("x1", "A"), job("x2", "A"), job("y1", "B", "x1"), job("y2", "E"),
                    job("z1", "C"), job("w1", "D", "y1"));
            String later = h.submit("a", job("x9", "A"));
            h.await(JOB_STARTED, "x1");
            h.await(JOB_STARTED, "y2");
            h.fail("x1");
            assertThat(h.await(JOB_FAILED, "x1").reason()).contains("gate of x1 failed");
            assertThat(h.await(JOB_CANCELLED, "x2").reason()).isEqualTo("upstream job x1 failed");
            assertThat(h.await(JOB_CANCELLED, "y1").reason()).isEqualTo("upstream job x1 failed");
            assertThat(h.await(JOB_CANCELLED, "w1").reason()).isEqualTo("upstream job x1 failed");
            h.await(JOB_STARTED, "x9");
            h.pass("y2");
            h.pass("z1");
            h.pass("x9");
            assertThat(h.await(WORKFLOW_FINISHED, "a").workflowId()).isIn(first, later);
            h.await(USER_RELEASED, "a");
            assertThat(h.indexOf(JOB_SUCCEEDED, "y2")).as("other branches carry on").isPositive();
            assertThat(h.indexOf(JOB_SUCCEEDED, "z1")).isPositive();
            assertThat(h.indexOf(JOB_SUCCEEDED, "x9")).as("another workflow's job in the same branch still runs").isPositive();
            assertThat(h.scheduler.workflow("a", first).status()).isEqualTo(WorkflowStatus.FAILED);
            assertThat(h.scheduler.workflow("a", later).status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        }
    }

    @Test
    void aLateFinishNeverOverwritesCancelled() throws Exception {
        try (Harness h = new Harness(new Limits(4, 3), results)) {
            h.users("a");
            String id = h.scheduler.submit("a", new org.pathlane.scheduler.api.WorkflowSpec("stubborn", List.of(
                    new JobSpec("s1", "A", "gate", Map.of("stubborn", true), List.of()), job("s2", "A"))));
            h.await(JOB_STARTED, "s1");
            assertThat(h.scheduler.cancelJob("a", id, "s1")).isTrue();
            assertThat(h.scheduler.cancelJob("a", id, "s1")).as("second cancel changes nothing").isFalse();
            h.pass("s1");
            assertThat(h.await(JOB_CANCELLED, "s1").reason()).isEqualTo("cancelled by a");
            h.await(WORKFLOW_FINISHED, "a");
            assertThat(h.indexOf(JOB_SUCCEEDED, "s1")).isEqualTo(-1);
            WorkflowView view = h.scheduler.workflow("a", id);
            assertThat(view.jobs()).extracting(JobView::status).containsExactly(JobStatus.CANCELLED, JobStatus.CANCELLED);
            assertThat(view.status()).isEqualTo(WorkflowStatus.CANCELLED);
        }
    }

    @Test
    void cancellingAWaitingUsersOnlyWorkflowRemovesThemFromTheQueue() throws Exception {
        try (Harness h = new Harness(new Limits(4, 1), results)) {
            h.users("a", "b", "c");
            h.submit("a", job("a1", "x"));
            String bId = h.submit("b", job("b1", "x"), job("b2", "y"));
            h.submit("c", job("c1", "x"));
            assertThat(h.scheduler.userQueue().waiting()).containsExactly("b", "c");
            assertThat(h.scheduler.cancelWorkflow("b", bId)).isTrue();
            assertThat(h.await(WORKFLOW_FINISHED, "b").state()).isEqualTo(WorkflowStatus.CANCELLED);
            assertThat(h.scheduler.userQueue().waiting()).containsExactly("c");
            assertThat(wait(h, "c", "c1")).isEqualTo(new Wait(WaitReason.USER_SLOT, 1));
            h.pass("a1");
            h.await(JOB_STARTED, "c1");
            assertThat(h.indexOf(USER_ACTIVATED, "b")).isEqualTo(-1);
            assertThat(h.indexOf(JOB_STARTED, "b1")).isEqualTo(-1);
        }
    }

    @Test
    void slotsComeBackAfterAFailureAndAfterACancel() throws Exception {
        try (Harness h = new Harness(new Limits(4, 1), results)) {
            h.users("a", "b", "c");
            h.submit("a", job("a1", "x"));
            String bId = h.submit("b", job("b1", "x"));
            h.submit("c", job("c1", "x"));
            h.await(JOB_STARTED, "a1");
            h.fail("a1");
            h.await(USER_RELEASED, "a");
            h.await(JOB_STARTED, "b1");
            h.scheduler.cancelWorkflow("b", bId);
            h.await(JOB_CANCELLED, "b1");
            h.await(USER_RELEASED, "b");
            h.await(JOB_STARTED, "c1");
            h.pass("c1");
            h.await(USER_RELEASED, "c");
            assertThat(h.scheduler.userQueue()).isEqualTo(new UserQueue(List.of(), List.of(), 1));
        }
    }

    @Test
    void everyPendingJobSaysWhyItWaits() throws Exception {
        try (Harness h = new Harness(new Limits(1, 1), results)) {
            h.users("a", "b");
            String id = h.submit("a", job("j1", "A"), job("j2", "A"), job("j3", "B", "j1"), job("j4", "C"), job("j5", "D"));
            h.submit("b", job("k1", "A"));
            h.await(JOB_STARTED, "j1");
            assertThat(wait(h, "a", "j2")).isEqualTo(new Wait(WaitReason.BRANCH, 1));
            assertThat(wait(h, "a", "j3")).isEqualTo(new Wait(WaitReason.DEPENDENCY, 0));
            assertThat(wait(h, "a", "j4")).isEqualTo(new Wait(WaitReason.WORKER, 1));
            assertThat(wait(h, "a", "j5")).isEqualTo(new Wait(WaitReason.WORKER, 2));
            assertThat(wait(h, "b", "k1")).isEqualTo(new Wait(WaitReason.USER_SLOT, 1));
            JobView running = h.scheduler.workflow("a", id).jobs().getFirst();
            assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(running.waitReason()).isNull();
        }
    }

    @Test
    void anotherUsersWorkflowBehavesExactlyLikeAnUnknownIdButAnAdminSeesIt() throws Exception {
        try (Harness h = new Harness(new Limits(4, 3), results)) {
            h.users("a", "b");
            h.scheduler.profiles().create(null, new org.pathlane.scheduler.model.UserProfile("boss", null, true, null, null));
            String id = h.submit("a", job("a1", "x"));
            assertThat(h.scheduler.workflows("b")).isEmpty();
            String unknown = "01a00000-0000-7000-8000-000000000000";
            assertThatThrownBy(() -> h.scheduler.workflow("b", id)).isInstanceOf(NotFoundException.class)
                    .hasMessage("no workflow " + id);
            assertThatThrownBy(() -> h.scheduler.workflow("b", unknown)).isInstanceOf(NotFoundException.class)
                    .hasMessage("no workflow " + unknown);
            assertThatThrownBy(() -> h.scheduler.cancelWorkflow("b", id)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> h.scheduler.cancelJob("b", id, "a1")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> h.scheduler.retry("b", id)).isInstanceOf(NotFoundException.class);
            assertThat(h.scheduler.workflows("boss")).extracting(WorkflowView::id).containsExactly(id);
            assertThat(h.scheduler.cancelWorkflow("boss", id)).isTrue();
            assertThat(h.await(JOB_CANCELLED, "a1").reason()).isEqualTo("workflow cancelled by boss");
        }
    }

    @Test
    void aFailedWorkflowCanBeRetriedAsANewWorkflow() throws Exception {
        try (Harness h = new Harness(new Limits(4, 3), results)) {
            h.users("a");
            String id = h.submit("a", job("r1", "A"), job("r2", "A"));
            h.fail("r1");
            h.await(WORKFLOW_FINISHED, "a");
            assertThatThrownBy(() -> h.scheduler.retry("a", h.submit("a", job("other", "Z"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("only a FAILED or CANCELLED");
            h.reset("r1");
            String again = h.scheduler.retry("a", id);
            WorkflowView retried = h.scheduler.workflow("a", again);
            assertThat(retried.retryOf()).isEqualTo(id);
            assertThat(retried.jobs()).extracting(JobView::jobId).containsExactly("r1", "r2");
            assertThat(retried.jobs()).extracting(JobView::status).doesNotContain(JobStatus.CANCELLED, JobStatus.FAILED);
        }
    }

    @Test
    void raisingTheLimitsStartsWaitingWorkAtOnce() throws Exception {
        try (Harness h = new Harness(new Limits(1, 1), results)) {
            h.users("a", "b");
            h.scheduler.profiles().create(null, new org.pathlane.scheduler.model.UserProfile("boss", null, true, null, null));
            h.submit("a", job("l1", "A"), job("l2", "B"));
            h.submit("b", job("m1", "A"));
            h.await(JOB_STARTED, "l1");
            assertThat(wait(h, "a", "l2")).isEqualTo(new Wait(WaitReason.WORKER, 1));
            h.scheduler.setLimits("boss", new Limits(3, 2));
            h.await(JOB_STARTED, "l2");
            h.await(USER_ACTIVATED, "b");
            h.await(JOB_STARTED, "m1");
            assertThat(h.scheduler.limits()).isEqualTo(new Limits(3, 2));
        }
    }

    private record Wait(WaitReason reason, int position) {
    }

    private static Wait wait(Harness h, String user, String job) {
        JobView view = h.scheduler.workflows(user).stream().flatMap(w -> w.jobs().stream())
                .filter(j -> j.jobId().equals(job)).findFirst().orElseThrow();
        return new Wait(view.waitReason(), view.queuePosition());
    }
}
