package org.pathlane.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.session.EngineConditions;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowStatus;

class DashboardViewModelTest {

    /** Succeeds with a warning in its last progress message, as a segment job with doubtful nuclei does. */
    private static final class WarningJob implements org.pathlane.scheduler.api.JobHandler {
        @Override
        public String type() {
            return "warns";
        }

        @Override
        public void run(org.pathlane.scheduler.api.JobContext context) {
            context.progress().report(1, 1, "12 nuclei; warning: no nuclei found on 9 tissue tiles.");
        }
    }

    /** Succeeds leaving a summary.json with warnings in its result folder, and no message: as after a restart. */
    private static final class SummaryJob implements org.pathlane.scheduler.api.JobHandler {
        @Override
        public String type() {
            return "summarises";
        }

        @Override
        public void run(org.pathlane.scheduler.api.JobContext context) throws Exception {
            java.nio.file.Files.writeString(context.resultDir().resolve("summary.json"),
                    "{\"cells\": 3, \"warnings\": [\"1 of 3 nuclei are larger than 1,000 µm².\", \"no nuclei on 5 tissue tiles.\"]}");
        }
    }

    /** Once let go, reports 200 steps as fast as it can, then holds at the gate: a burst of progress. */
    private final class BurstJob implements org.pathlane.scheduler.api.JobHandler {
        final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);

        @Override
        public String type() {
            return "burst";
        }

        @Override
        public void run(org.pathlane.scheduler.api.JobContext context) throws Exception {
            go.await();
            for (int i = 1; i <= 200; i++) {
                context.progress().report(i, 200, "tile " + i);
            }
            gate.hold();
        }
    }

    @TempDir
    Path dir;
    private final BurstJob burst = new BurstJob();
    private final GateJob gate = new GateJob();
    private Scheduler scheduler;
    private DashboardViewModel admin;
    private DashboardViewModel bob;

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, new Limits(4, 1), gate, new WarningJob(), new SummaryJob(), burst);
        scheduler.profiles().create(null, new UserProfile("ada", "#4477AA", true, null, null));
        scheduler.profiles().create(null, new UserProfile("bob", "#228833", false, null, null));
        admin = new DashboardViewModel(scheduler, "ada", type -> type, TestEngines.direct());
        bob = new DashboardViewModel(scheduler, "bob", type -> type, TestEngines.direct());
    }

    @AfterEach
    void tearDown() {
        gate.open();
        admin.close();
        bob.close();
        scheduler.close();
    }

    @Test
    void aWaitingUserSeesTheirPlaceInLineAndCancellingFreesTheSlot() throws Exception {
        String held = scheduler.submit("ada", new WorkflowSpec("holds the slot", List.of(job("g", GateJob.TYPE, Map.of()))));
        await(scheduler, "ada's job runs with its progress", () -> job(admin, held, "g")
                .filter(j -> j.status() == JobStatus.RUNNING && j.progressText().equals("3 / 10")).isPresent());
        assertThat(job(admin, held, "g").orElseThrow().progress()).isEqualTo(0.3);

        String waiting = scheduler.submit("bob", new WorkflowSpec("waits", List.of(job("s", "sleep", Map.of("durationMs", 1)))));
        await(scheduler, "bob sees his wait", () -> job(bob, waiting, "s").filter(j -> j.status() == JobStatus.PENDING).isPresent());
        assertThat(job(bob, waiting, "s").orElseThrow().detail()).isEqualTo("waiting for a user slot: 1st in line (first come, first served)");
        assertThat(bob.queueTextProperty().get()).contains("1 of 1 in use (ada)").contains("you are 1st in line");

        admin.cancelWorkflow(held);
        await(scheduler, "bob's job ran", () -> job(bob, waiting, "s").filter(j -> j.status() == JobStatus.SUCCEEDED).isPresent());
        await(scheduler, "ada sees her job cancelled", () -> job(admin, held, "g").filter(j -> j.status() == JobStatus.CANCELLED).isPresent());
        assertThat(admin.messageProperty().get()).isEqualTo("Cancelled the workflow.");
    }

    @Test
    void usersSeeOnlyTheirOwnWorkflowsAndTheAdminSeesEveryone() throws Exception {
        String mine = scheduler.submit("bob", new WorkflowSpec("bob's", List.of(job("s", "sleep", Map.of()))));
        await(scheduler, "bob's workflow finished", () -> workflow(bob, mine).filter(w -> w.status() == WorkflowStatus.SUCCEEDED).isPresent());
        DashboardViewModel bobAgain = new DashboardViewModel(scheduler, "bob", t -> t, TestEngines.direct());
        scheduler.profiles().create(null, new UserProfile("carol", "#AA3377", false, null, null));
        DashboardViewModel carolsView = new DashboardViewModel(scheduler, "carol", t -> t, TestEngines.direct());
        try {
            assertThat(carolsView.workflows()).isEmpty();
            assertThat(admin.workflows()).extracting(WorkflowRow::user).containsExactly("bob");
            assertThat(bobAgain.workflows()).extracting(WorkflowRow::id).containsExactly(mine);
        } finally {
            bobAgain.close();
            carolsView.close();
        }
    }

    @Test
    void aFailedJobShowsItsReasonCancelsItsBranchAndTheWorkflowCanBeRetried() throws Exception {
        String failing = scheduler.submit("bob", new WorkflowSpec("fails", List.of(
                job("a", "sleep", Map.of("fail", true)),
                new JobSpec("b", "A", "sleep", Map.of(), List.of()))));
        await(scheduler, "the workflow failed", () -> workflow(bob, failing).filter(w -> w.status() == WorkflowStatus.FAILED).isPresent());
        WorkflowRow row = workflow(bob, failing).orElseThrow();
        assertThat(row.retryable()).isTrue();
        assertThat(row.jobs().get(0).detail()).contains("failed on purpose");
        assertThat(row.jobs().get(1).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(row.summary()).isEqualTo("0 of 2 jobs done");

        bob.retry(failing);
        assertThat(bob.messageProperty().get()).startsWith("Submitted again as ");
        await(scheduler, "the retry shows", () -> bob.workflows().size() == 2);
    }

    @Test
    void aRunningJobOnASlideCanBeWatchedAlsoWhenRetriedAndOneWithoutASlideCannot() throws Exception {
        String first = scheduler.submit("bob", new WorkflowSpec("two branches", List.of(
                new JobSpec("seg", "A", GateJob.TYPE, Map.of("slide", "/slides/case-7.svs"), List.of()),
                new JobSpec("wait", "B", GateJob.TYPE, Map.of(), List.of()))));
        await(scheduler, "both run", () -> workflow(bob, first).filter(w -> w.jobs().stream()
                .allMatch(j -> j.status() == JobStatus.RUNNING)).isPresent());
        assertThat(job(bob, first, "seg").orElseThrow().slide()).isEqualTo("/slides/case-7.svs");
        assertThat(job(bob, first, "seg").orElseThrow().watchable()).isTrue();
        assertThat(job(bob, first, "wait").orElseThrow().watchable()).as("a job without a slide").isFalse();

        bob.cancelWorkflow(first);
        await(scheduler, "cancelled", () -> workflow(bob, first).filter(w -> w.status() == WorkflowStatus.CANCELLED).isPresent());
        assertThat(job(bob, first, "seg").orElseThrow().watchable()).as("an ended job").isFalse();
        bob.retry(first);
        await(scheduler, "the retry runs", () -> bob.workflows().stream().anyMatch(w -> !w.id().equals(first)
                && w.jobs().getFirst().status() == JobStatus.RUNNING));
        JobRow retried = bob.workflows().stream().filter(w -> !w.id().equals(first)).findFirst().orElseThrow().jobs().getFirst();
        assertThat(retried.slide()).as("the engine still knows the slide").isEqualTo("/slides/case-7.svs");
        assertThat(retried.watchable()).isTrue();
    }

    @Test
    void cancellingSaysWhatStopsAndWhoseWorkItIs() throws Exception {
        String id = scheduler.submit("bob", new WorkflowSpec("Morning batch", List.of(
                job("seg", GateJob.TYPE, Map.of()),
                new JobSpec("after", "A", "sleep", Map.of(), List.of()))));
        await(scheduler, "seg runs", () -> job(bob, id, "seg").filter(j -> j.status() == JobStatus.RUNNING).isPresent()
                && workflow(admin, id).isPresent());
        WorkflowRow mine = workflow(bob, id).orElseThrow();

        var job = bob.confirmCancelJob(mine, mine.jobs().getFirst());
        assertThat(job.title()).isEqualTo("Cancel job seg?");
        assertThat(job.text()).contains("“Morning batch”").contains("stops now").contains("wait for it are cancelled")
                .doesNotContain("cancelled by you");
        var all = bob.confirmCancelWorkflow(mine);
        assertThat(all.text()).contains("1 running job stops now and 1 job that has not started will not run");
        assertThat(admin.confirmCancelWorkflow(workflow(admin, id).orElseThrow()).text())
                .as("an admin cancelling someone else's").contains("This is bob’s work").contains("cancelled by you");
        assertThat(job(bob, id, "seg").orElseThrow().status()).as("asking cancels nothing").isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aWorkerWaitSaysWhenTheJobStartsNotThatItCameFirst() {
        assertThat(WaitText.of(pendingForWorker(1), List.of())).isEqualTo("waiting for a free worker: starts next");
        assertThat(WaitText.of(pendingForWorker(3), List.of()))
                .isEqualTo("waiting for a free worker: 3rd to start as workers free up (users take turns)");
        assertThat(WaitText.of(pendingForWorker(0), List.of())).isEqualTo("waiting for a free worker");
    }

    private static org.pathlane.scheduler.model.JobView pendingForWorker(int position) {
        return new org.pathlane.scheduler.model.JobView("w", "j1", "A", "sleep", List.of(), JobStatus.PENDING, 1, null,
                org.pathlane.scheduler.model.WaitReason.WORKER, position, null, null, null, null, Map.of(), null);
    }

    @Test
    void waitTextsReadNaturally() {
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111).stream().map(WaitText::ordinal))
                .containsExactly("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th");
    }

    @Test
    void aSucceededJobShowsTheWarningOfItsLastMessage() throws Exception {
        String id = scheduler.submit("bob", new WorkflowSpec("doubtful", List.of(job("w", "warns", Map.of()))));
        // The progress message and the event that the job ended are delivered in either order: wait for both.
        await(scheduler, "the succeeded job shows its warning", () -> job(bob, id, "w")
                .filter(j -> j.status() == JobStatus.SUCCEEDED && j.detail().contains("warning:")).isPresent());
        assertThat(job(bob, id, "w").orElseThrow().detail()).isEqualTo("warning: no nuclei found on 9 tissue tiles.");
    }

    @Test
    void aSucceededJobsWarningsSurviveARestartFromItsSummary() throws Exception {
        String id = scheduler.submit("bob", new WorkflowSpec("doubtful", List.of(job("s", "summarises", Map.of()))));
        await(scheduler, "the job succeeded", () -> job(bob, id, "s").filter(j -> j.status() == JobStatus.SUCCEEDED).isPresent());
        // A dashboard opened afterwards (the app restarted) never saw a message: the summary is the record.
        try (DashboardViewModel later = new DashboardViewModel(scheduler, "bob", type -> type, TestEngines.direct())) {
            assertThat(job(later, id, "s").orElseThrow().detail())
                    .isEqualTo("warning: 1 of 3 nuclei are larger than 1,000 µm². Warning: no nuclei on 5 tissue tiles.");
        }
    }

    @Test
    void onlyAJobThatWroteFilesOffersItsResults() throws Exception {
        String id = scheduler.submit("bob", new WorkflowSpec("two", List.of(job("s", "summarises", Map.of()),
                job("w", "sleep", Map.of("durationMs", 0)))));
        await(scheduler, "both succeeded", () -> job(bob, id, "s").filter(j -> j.status() == JobStatus.SUCCEEDED).isPresent()
                && job(bob, id, "w").filter(j -> j.status() == JobStatus.SUCCEEDED).isPresent());
        assertThat(job(bob, id, "s").orElseThrow().resultDir()).as("its results folder").isDirectory();
        assertThat(job(bob, id, "w").orElseThrow().resultDir()).as("a Wait job wrote nothing: no Results to open").isNull();
    }

    @Test
    void aLongHistoryIsListedAPageAtATimeNewestFirst() throws Exception {
        int count = DashboardViewModel.PAGE + 5;
        for (int i = 1; i <= count; i++) {
            scheduler.submit("bob", new WorkflowSpec("scan " + i, List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        }
        await(scheduler, "every workflow ended", () -> scheduler.workflows("bob").stream()
                .filter(w -> w.status() == WorkflowStatus.SUCCEEDED).count() == count);
        bob.refresh();
        assertThat(bob.workflows()).hasSize(DashboardViewModel.PAGE);
        assertThat(bob.workflows().getFirst().name()).isEqualTo("scan " + count);
        assertThat(bob.pageTextProperty().get()).isEqualTo("Showing the newest 50 of 55 workflows.");
        bob.showOlder();
        assertThat(bob.workflows()).hasSize(count);
        assertThat(bob.workflows().getLast().name()).isEqualTo("scan 1");
        assertThat(bob.pageTextProperty().get()).isEmpty();
    }

    @Test
    void theFilterListsOnlyTheWorkflowsItKeeps() throws Exception {
        String failed = scheduler.submit("bob", new WorkflowSpec("broken", List.of(job("s", "sleep",
                Map.of("durationMs", 0, "fail", true)))));
        String fine = scheduler.submit("bob", new WorkflowSpec("fine", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        await(scheduler, "both ended", () -> scheduler.workflows("bob").stream().allMatch(w -> w.status().isTerminal())
                && scheduler.workflows("bob").size() == 2);
        bob.setFilter(DashboardViewModel.Filter.PROBLEMS);
        assertThat(bob.workflows()).extracting(WorkflowRow::id).containsExactly(failed);
        bob.setFilter(DashboardViewModel.Filter.FINISHED);
        assertThat(bob.workflows()).extracting(WorkflowRow::id).containsExactly(fine);
        bob.setFilter(DashboardViewModel.Filter.ACTIVE);
        assertThat(bob.workflows()).isEmpty();
        bob.setFilter(DashboardViewModel.Filter.ALL);
        assertThat(bob.workflows()).hasSize(2);
    }

    /** The dashboard's reads, counted: what an event costs the database. */
    private static final class CountingReads implements DashboardReads {
        private final DashboardReads real;
        final java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger counts = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger batchReads = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.List<java.util.Collection<String>> named = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingReads(Scheduler scheduler) {
            real = DashboardReads.of(scheduler);
        }

        void reset() {
            pages.set(0);
            counts.set(0);
            batchReads.set(0);
            named.clear();
        }

        @Override
        public List<org.pathlane.scheduler.model.WorkflowView> page(String user, org.pathlane.scheduler.model.WorkflowQuery query, int limit) {
            pages.incrementAndGet();
            return real.page(user, query, limit);
        }

        @Override
        public long count(String user, org.pathlane.scheduler.model.WorkflowQuery query) {
            counts.incrementAndGet();
            return real.count(user, query);
        }

        @Override
        public List<org.pathlane.scheduler.model.WorkflowView> workflows(String user, java.util.Collection<String> ids) {
            named.add(List.copyOf(ids));
            return real.workflows(user, ids);
        }

        @Override
        public List<org.pathlane.scheduler.model.WorkflowView> namedWith(String user, java.util.Collection<String> fragments) {
            batchReads.incrementAndGet();
            return real.namedWith(user, fragments);
        }

        @Override
        public Map<String, Map<String, org.pathlane.scheduler.model.JobView.Wait>> waits(String user, java.util.Collection<String> ids) {
            return real.waits(user, ids);
        }
    }

    private DashboardViewModel counted(CountingReads reads, String name) {
        return new DashboardViewModel(scheduler, reads, name, t -> t, TestEngines.direct(), java.time.InstantSource.system(),
                java.time.ZoneOffset.UTC);
    }

    @Test
    void anEventReadsOnlyTheWorkflowItNamesAndProgressReadsNothing() throws Exception {
        CountingReads reads = new CountingReads(scheduler);
        try (DashboardViewModel counting = counted(reads, "bob")) {
            for (int i = 1; i <= 3; i++) {
                scheduler.submit("bob", new WorkflowSpec("done " + i, List.of(job("s", "sleep", Map.of("durationMs", 0)))));
            }
            await(counting, "three ended", () -> counting.workflows().size() == 3
                    && counting.workflows().stream().allMatch(w -> w.status() == WorkflowStatus.SUCCEEDED));
            String running = scheduler.submit("bob", new WorkflowSpec("runs", List.of(job("g", GateJob.TYPE, Map.of()))));
            await(counting, "it runs", () -> job(counting, running, "g")
                    .filter(j -> j.status() == JobStatus.RUNNING && j.progressText().equals("3 / 10")).isPresent());
            assertThat(reads.pages.get()).as("the page was read once, when the dashboard opened").isEqualTo(1);
            // Listeners hear each event in the order they subscribed: once this one hears that "chatty" started, the
            // dashboard has read what that event named.
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            org.pathlane.scheduler.event.SchedulerListener after = new org.pathlane.scheduler.event.SchedulerListener() {
                @Override
                public void onEvent(org.pathlane.scheduler.event.SchedulerEvent event) {
                    if (event.type() == org.pathlane.scheduler.event.EventType.JOB_STARTED && "chatty".equals(event.workflowName())) {
                        started.countDown();
                    }
                }
            };
            scheduler.addListener("bob", after);
            String chatty = scheduler.submit("bob", new WorkflowSpec("chatty", List.of(new JobSpec("b", "B", "burst", Map.of(),
                    List.of()))));
            assertThat(started.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("chatty started").isTrue();
            scheduler.removeListener(after);
            assertThat(job(counting, chatty, "b").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            reads.reset();
            burst.go.countDown();
            await(counting, "its burst is shown", () -> job(counting, chatty, "b")
                    .filter(j -> j.progressText().equals("200 / 200")).isPresent());
            assertThat(reads.named).as("progress reports read nothing").isEmpty();

            gate.open();
            await(counting, "both ended", () -> workflow(counting, running).filter(w -> w.status() == WorkflowStatus.SUCCEEDED)
                    .isPresent() && workflow(counting, chatty).filter(w -> w.status() == WorkflowStatus.SUCCEEDED).isPresent());
            // Opening the gate ends both running workflows; the three finished before are not read again.
            assertThat(reads.named).as("only the workflows the events named were read").isNotEmpty()
                    .allSatisfy(ids -> assertThat(ids).isSubsetOf(running, chatty));
            assertThat(reads.pages.get() + reads.counts.get() + reads.batchReads.get()).as("no page, count or batch read").isZero();
            assertThat(counting.workflows()).hasSize(5);
            assertThat(counting.pageTextProperty().get()).isEmpty();
        }
    }

    @Test
    void aWaitingRowMovesUpInLineWhenWorkAheadOfItEndsThoughNoEventNamesIt() throws Exception {
        scheduler.profiles().create(null, new UserProfile("carol", null, false, null, null));
        String held = scheduler.submit("ada", new WorkflowSpec("holds the slot", List.of(job("g", GateJob.TYPE, Map.of()))));
        await(scheduler, "ada's job runs", () -> job(admin, held, "g").filter(j -> j.status() == JobStatus.RUNNING).isPresent());
        String bobs = scheduler.submit("bob", new WorkflowSpec("bob's", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        String carols = scheduler.submit("carol", new WorkflowSpec("carol's", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        await(scheduler, "carol is second in line", () -> job(admin, carols, "s")
                .filter(j -> j.detail().equals("waiting for a user slot: 2nd in line (first come, first served)")).isPresent());

        bob.cancelWorkflow(bobs);

        await(scheduler, "carol is first in line", () -> job(admin, carols, "s")
                .filter(j -> j.detail().equals("waiting for a user slot: 1st in line (first come, first served)")).isPresent());
        assertThat(job(admin, held, "g").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void anEventForOneWorkflowUpdatesThatRowInPlaceAndLeavesTheOthersAsTheyWere() throws Exception {
        for (int i = 1; i <= 3; i++) {
            scheduler.submit("bob", new WorkflowSpec("done " + i, List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        }
        await(scheduler, "three ended", () -> bob.workflows().size() == 3
                && bob.workflows().stream().allMatch(w -> w.status() == WorkflowStatus.SUCCEEDED));
        String running = scheduler.submit("bob", new WorkflowSpec("runs", List.of(job("g", GateJob.TYPE, Map.of()))));
        await(scheduler, "it runs", () -> job(bob, running, "g").filter(j -> j.status() == JobStatus.RUNNING).isPresent());
        assertThat(bob.workflows().getFirst().id()).as("a new workflow comes in at the top").isEqualTo(running);
        List<WorkflowRow> before = List.copyOf(bob.workflows());

        gate.open();
        await(scheduler, "it ended", () -> workflow(bob, running).filter(w -> w.status() == WorkflowStatus.SUCCEEDED).isPresent());

        List<WorkflowRow> after = List.copyOf(bob.workflows());
        assertThat(after).extracting(WorkflowRow::id).containsExactlyElementsOf(before.stream().map(WorkflowRow::id).toList());
        for (int i = 1; i < 4; i++) {
            assertThat(after.get(i)).as("the row of %s was not read again", after.get(i).name()).isSameAs(before.get(i));
        }
    }

    @Test
    void anAdminListsOneUsersWorkAndCountsStayRight() throws Exception {
        scheduler.submit("bob", new WorkflowSpec("bob's", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        scheduler.submit("ada", new WorkflowSpec("ada's", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        await(scheduler, "both ended", () -> admin.workflows().size() == 2
                && admin.workflows().stream().allMatch(w -> w.status().isTerminal()));
        assertThat(admin.admin()).isTrue();
        assertThat(admin.users()).containsExactlyInAnyOrder("ada", "bob");
        admin.setUser("bob");
        assertThat(admin.workflows()).extracting(WorkflowRow::name).containsExactly("bob's");
        admin.setUser(null);
        assertThat(admin.workflows()).hasSize(2);
        bob.setUser("ada");
        assertThat(bob.workflows()).as("a user who is no admin sees only their own whatever is asked")
                .extracting(WorkflowRow::name).containsExactly("bob's");
    }

    @Test
    void theDateFilterListsWhatWasSubmittedInTheChosenDaysAndCountsInTheQuery() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-12-03T15:00:00Z");
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> engineTime =
                new java.util.concurrent.atomic.AtomicReference<>(now.minus(java.time.Duration.ofDays(40)));
        try (Scheduler dated = Scheduler.start(TestEngines.memory(dir.resolve("dated"), new Limits(4, 2))
                .withClock(engineTime::get))) {
            dated.profiles().create(null, new UserProfile("cy", null, false, null, null));
            // 60 workflows 40 days back, 3 of 10 days back, 2 of yesterday, 1 of this morning.
            submitAt(dated, engineTime, now.minus(java.time.Duration.ofDays(40)), 60, "old");
            submitAt(dated, engineTime, now.minus(java.time.Duration.ofDays(10)), 3, "ten days");
            submitAt(dated, engineTime, now.minus(java.time.Duration.ofHours(20)), 2, "yesterday");
            submitAt(dated, engineTime, now.minus(java.time.Duration.ofHours(6)), 1, "this morning");
            try (DashboardViewModel cy = new DashboardViewModel(dated, DashboardReads.of(dated), "cy", t -> t,
                    TestEngines.direct(), () -> now, java.time.ZoneOffset.UTC)) {
                assertThat(cy.workflows()).hasSize(DashboardViewModel.PAGE);
                assertThat(cy.pageTextProperty().get()).isEqualTo("Showing the newest 50 of 66 workflows.");
                cy.setPeriod(Period.TODAY);
                assertThat(cy.workflows()).extracting(WorkflowRow::name).containsExactly("this morning 1");
                cy.setPeriod(Period.WEEK);
                assertThat(cy.workflows()).extracting(WorkflowRow::name)
                        .containsExactly("this morning 1", "yesterday 2", "yesterday 1");
                cy.setPeriod(Period.MONTH);
                assertThat(cy.workflows()).hasSize(6);
                assertThat(cy.pageTextProperty().get()).isEmpty();
                cy.setPeriod(Period.ANY);
                assertThat(cy.pageTextProperty().get()).isEqualTo("Showing the newest 50 of 66 workflows.");
            }
        }
    }

    private static void submitAt(Scheduler engine, java.util.concurrent.atomic.AtomicReference<java.time.Instant> time,
            java.time.Instant at, int count, String name) {
        time.set(at);
        for (int i = 1; i <= count; i++) {
            engine.submit("cy", new WorkflowSpec(name + " " + i, List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        }
    }

    @Test
    void archivedWorkflowsLeaveTheDashboardKeepTheirResultsAndComeBack() throws Exception {
        String first = scheduler.submit("bob", new WorkflowSpec("first", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        String second = scheduler.submit("bob", new WorkflowSpec("second", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        String adas = scheduler.submit("ada", new WorkflowSpec("ada's", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        await(scheduler, "all ended", () -> admin.workflows().size() == 3
                && admin.workflows().stream().allMatch(w -> w.status().isTerminal()) && bob.workflows().size() == 2);
        String running = scheduler.submit("bob", new WorkflowSpec("runs", List.of(job("g", GateJob.TYPE, Map.of()))));
        await(scheduler, "it runs", () -> job(bob, running, "g").filter(j -> j.status() == JobStatus.RUNNING).isPresent());

        bob.archive(workflow(bob, first).orElseThrow());
        assertThat(bob.messageProperty().get()).startsWith("Archived “first”.");
        assertThat(bob.workflows()).extracting(WorkflowRow::id).containsExactly(running, second);
        assertThat(scheduler.workflow("bob", first).jobs().getFirst().status()).as("kept").isEqualTo(JobStatus.SUCCEEDED);

        var ask = bob.confirmArchiveFinished();
        assertThat(ask.title()).isEqualTo("Archive 1 finished workflow?");
        bob.archiveFinished();
        assertThat(bob.messageProperty().get()).isEqualTo("Archived 1 finished workflow.");
        assertThat(bob.workflows()).as("the running one stays").extracting(WorkflowRow::id).containsExactly(running);
        assertThat(bob.confirmArchiveFinished()).isNull();

        bob.setShowArchived(true);
        assertThat(bob.workflows()).extracting(WorkflowRow::id).containsExactly(running, second, first);
        assertThat(workflow(bob, first).orElseThrow().archived()).isTrue();
        bob.unarchive(workflow(bob, first).orElseThrow());
        bob.setShowArchived(false);
        assertThat(bob.workflows()).extracting(WorkflowRow::id).containsExactly(running, first);

        bob.archive(workflow(admin, adas).orElseThrow());
        assertThat(bob.messageProperty().get()).as("bob may not archive ada's work").startsWith("Not done: no workflow");
        assertThat(admin.workflows()).extracting(WorkflowRow::id).contains(adas);
        assertThat(scheduler.workflow("ada", adas).archived()).isFalse();
    }

    @Test
    void anotherOpenDashboardSeesAWorkflowArchivedAndUnarchived() throws Exception {
        String done = scheduler.submit("bob", new WorkflowSpec("done", List.of(job("s", "sleep", Map.of("durationMs", 0)))));
        await(scheduler, "listed as ended on both", () -> workflow(admin, done).filter(w -> w.status().isTerminal()).isPresent()
                && workflow(bob, done).filter(w -> w.status().isTerminal()).isPresent());

        bob.archive(workflow(bob, done).orElseThrow());
        await(scheduler, "gone from the admin's open dashboard", () -> workflow(admin, done).isEmpty());
        bob.setShowArchived(true);
        bob.unarchive(workflow(bob, done).orElseThrow());
        await(scheduler, "back on it", () -> workflow(admin, done).isPresent());
    }

    @Test
    void jobRowsSayWhenTheyStartedHowLongTheyTookAndWhatIsLeft() {
        java.time.ZoneId utc = java.time.ZoneOffset.UTC;
        java.time.Instant start = java.time.Instant.parse("2026-12-03T10:42:00Z");
        JobRow running = new JobRow("w", "j1", "A", "segment", "Segment nuclei", JobStatus.RUNNING, 0.25, "1 / 4", "",
                "bob", null, null, null, start);
        assertThat(running.timing(start.plusSeconds(120), utc))
                .isEqualTo("started 10:42, running 2 min, about 6 min left");
        JobRow done = new JobRow("w", "j1", "A", "segment", "Segment nuclei", JobStatus.SUCCEEDED, 1, "", "", "bob", null,
                null, start.plusSeconds(3725), start);
        assertThat(done.timing(start.plusSeconds(86_400 * 2), utc)).isEqualTo("started 3 Dec 10:42, took 1 h 2 min");
        JobRow waiting = new JobRow("w", "j1", "A", "segment", "Segment nuclei", JobStatus.PENDING, 0, "", "", "bob", null,
                null, null, null);
        assertThat(waiting.timing(start, utc)).isEmpty();
    }

    /** Waits for a condition on {@code vm}'s rows, checked whenever they change too. */
    private void await(DashboardViewModel vm, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        EngineConditions.await(scheduler, what, condition, vm.workflows(), admin.workflows(), bob.workflows());
    }

    private void await(Scheduler engine, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        EngineConditions.await(engine, what, condition, admin.workflows(), bob.workflows());
    }

    private static JobSpec job(String id, String type, Map<String, Object> params) {
        return new JobSpec(id, "A", type, params, List.of());
    }

    private static Optional<WorkflowRow> workflow(DashboardViewModel vm, String id) {
        return List.copyOf(vm.workflows()).stream().filter(w -> w.id().equals(id)).findFirst();
    }

    private static Optional<JobRow> job(DashboardViewModel vm, String workflowId, String jobId) {
        return workflow(vm, workflowId).flatMap(w -> w.jobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst());
    }
}
