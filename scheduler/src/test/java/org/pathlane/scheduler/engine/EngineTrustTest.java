package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathlane.scheduler.engine.Harness.job;
import static org.pathlane.scheduler.event.EventType.JOB_CANCELLED;
import static org.pathlane.scheduler.event.EventType.JOB_FAILED;
import static org.pathlane.scheduler.event.EventType.JOB_STARTED;
import static org.pathlane.scheduler.event.EventType.JOB_SUCCEEDED;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.validation.WorkflowRejectedException;

/** Issue 16: what the engine confirms holds when handlers die, transactions fail and ids or paths are hostile. */
class EngineTrustTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path results;

    @Test
    void aHandlerThatThrowsAnErrorEndsFailedWithTheReasonAndFreesItsWorker() throws Exception {
        JobHandler oom = Harness.handler("oom", c -> {
            throw new OutOfMemoryError("Java heap space");
        });
        JobHandler deep = Harness.handler("deep", c -> {
            throw new StackOverflowError();
        });
        SchedulerConfig config = SchedulerConfig.jdbc(url(), results).withLimits(new Limits(1, 1))
                .withHandler(oom).withHandler(deep);
        try (Harness h = new Harness(config)) {
            h.users("a");
            String id = h.scheduler.submit("a", new WorkflowSpec("big slide", List.of(
                    new JobSpec("seg", "A", "oom", Map.of(), List.of()),
                    new JobSpec("other", "B", "deep", Map.of(), List.of()),
                    job("after", "C"))));
            assertThat(h.await(JOB_FAILED, "seg").reason()).contains("out of memory").contains("Java heap space");
            assertThat(h.await(JOB_FAILED, "other").reason()).contains("StackOverflowError");
            // One worker: the third job can only start if both dead handlers gave theirs back.
            h.await(JOB_STARTED, "after");
            h.pass("after");
            h.await(JOB_SUCCEEDED, "after");
            assertThat(h.scheduler.workflow("a", id).jobs()).extracting(j -> j.status())
                    .containsExactly(JobStatus.FAILED, JobStatus.FAILED, JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aCancelHoldsThroughAFailedTransactionAndItsLaneStops() throws Exception {
        String url = url();
        try (Harness h = new Harness(SchedulerConfig.jdbc(url, results).withLimits(new Limits(2, 1)))) {
            h.users("a");
            String id = h.scheduler.submit("a", new WorkflowSpec("scan", List.of(
                    new JobSpec("s1", "A", "gate", Map.of("stubborn", true), List.of()),
                    job("s2", "A"))));
            h.await(JOB_STARTED, "s1");
            assertThat(h.scheduler.cancelJob("a", id, "s1")).isTrue();
            // The next transaction fails (a database error while another workflow is stored), so the engine
            // rebuilds its memory from the database while s1 still runs.
            try (Connection c = DriverManager.getConnection(url)) {
                c.createStatement().execute("create trigger fail_once before insert on pl_workflow for each row call '"
                        + FailOnce.class.getName() + "'");
            }
            FailOnce.ARMED.set(true);
            assertThatThrownBy(() -> h.submit("a", job("other", "B"))).hasMessageContaining("injected failure");
            h.pass("s1");
            assertThat(h.await(JOB_CANCELLED, "s1").reason()).isEqualTo("cancelled by a");
            assertThat(h.await(JOB_CANCELLED, "s2").reason()).contains("s1");
            assertThat(h.indexOf(JOB_SUCCEEDED, "s1")).isEqualTo(-1);
            assertThat(h.indexOf(JOB_STARTED, "s2")).as("the lane did not go on").isEqualTo(-1);
        }
    }

    @Test
    void aWorkflowNameOrFieldTooLongForTheDatabaseIsRejectedNamingTheFieldAndNothingIsStored() {
        try (Harness h = new Harness(new Limits(2, 2), results)) {
            h.users("a");
            String longName = "x".repeat(201);
            assertThatThrownBy(() -> h.scheduler.submit("a", new WorkflowSpec(longName, List.of(job("j", "A")))))
                    .isInstanceOf(WorkflowRejectedException.class).hasMessageContaining("field \"name\"")
                    .hasMessageContaining("201 characters").hasMessageNotContaining("SQL");
            assertThatThrownBy(() -> h.scheduler.submit("a", new WorkflowSpec("w", List.of(
                    new JobSpec("j", "A", "sleep", Map.of("note", "y".repeat(1_000_001)), List.of())))))
                    .isInstanceOf(WorkflowRejectedException.class).hasMessageContaining("job \"j\"")
                    .hasMessageContaining("parameters");
            assertThatThrownBy(() -> h.scheduler.submit("a", new WorkflowSpec("w", List.of(job("j\n1", "A")))))
                    .isInstanceOf(WorkflowRejectedException.class).hasMessageContaining("control character");
            assertThat(h.scheduler.workflows("a")).isEmpty();
        }
    }

    @Test
    void jobsWhoseIdsLookAlikeOnDiskEachGetAFolderOfTheirOwn() throws Exception {
        JobHandler writer = Harness.handler("writer", c ->
                Files.writeString(c.resultDir().resolve("cells.csv"), c.jobId()));
        try (Harness h = new Harness(SchedulerConfig.jdbc(url(), results).withHandler(writer))) {
            h.users("a");
            List<String> ids = List.of("seg 1", "seg_1", "Seg1", "seg1", "seg/1", "..");
            String id = h.scheduler.submit("a", new WorkflowSpec("alike", ids.stream()
                    .map(j -> new JobSpec(j, "A", "writer", Map.of(), List.of())).toList()));
            h.await(JOB_SUCCEEDED, "..");
            Path workflowDir = results.resolve("a").resolve("alike_" + id);
            for (String job : ids) {
                Path dir = h.scheduler.resultDir("a", id, job);
                assertThat(dir.getParent()).as(job).isEqualTo(workflowDir);
                assertThat(Files.readString(dir.resolve("cells.csv"))).as(job).isEqualTo(job);
            }
            // Case-insensitive disks fold names: even folded, no two folders are the same.
            try (Stream<Path> folders = Files.list(workflowDir)) {
                Set<String> folded = folders.map(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.toSet());
                assertThat(folded).hasSize(ids.size());
            }
        }
    }

    @Test
    void aJobReadsOnlyResultsOfJobsOfItsOwnWorkflowNamedById() throws Exception {
        JobHandler writer = Harness.handler("writer", c -> Files.writeString(c.resultDir().resolve("cells.csv"), "mine"));
        JobHandler reader = Harness.handler("reader", c -> {
            Path from = c.resultDirOf((String) c.params().get("source"));
            Files.writeString(c.resultDir().resolve("copy.csv"), Files.readString(from.resolve("cells.csv")));
        });
        try (Harness h = new Harness(SchedulerConfig.jdbc(url(), results).withHandler(writer).withHandler(reader))) {
            h.users("alice", "mallory");
            String alices = h.scheduler.submit("alice", new WorkflowSpec("private", List.of(
                    new JobSpec("seg", "A", "writer", Map.of(), List.of()))));
            h.await(JOB_SUCCEEDED, "seg");
            String path = "../../alice/private_" + alices + "/seg";
            String mallorys = h.scheduler.submit("mallory", new WorkflowSpec("peek", List.of(
                    new JobSpec("steal", "A", "reader", Map.of("source", path), List.of()),
                    new JobSpec("own", "B", "writer", Map.of(), List.of()),
                    new JobSpec("copy", "C", "reader", Map.of("source", "own"), List.of("own")))));
            assertThat(h.await(JOB_FAILED, "steal").reason()).contains("this workflow has no job");
            h.await(JOB_SUCCEEDED, "copy");
            assertThat(Files.readString(h.scheduler.resultDir("mallory", mallorys, "copy").resolve("copy.csv"))).isEqualTo("mine");
            assertThat(h.scheduler.resultDir("mallory", mallorys, "steal").resolve("copy.csv")).doesNotExist();
        }
    }

    @Test
    void aWorkflowsResultsAreInAFolderNamedAfterItAndItsIdThatNoNameLeaves() throws Exception {
        JobRunner runner = new JobRunner(Map.of(), results, null, null);
        String id = "01a23c36-0594-71b0-aeb4-dfcf5b8d5fde";
        assertThat(runner.resultDir("ada", id, "Nuclei · case-7.svs · batch 3f9c2a 3/12", "seg"))
                .isEqualTo(results.resolve("ada").resolve("Nuclei-case-7.svs-batch-3f9c2a-3-12_" + id).resolve("seg"));
        assertThat(runner.resultDir("ada", id, "Färbung — Niere", "seg").getParent().getFileName().toString())
                .isEqualTo("Farbung-Niere_" + id);
        for (String hostile : List.of("../../etc", "..", "/", ".hidden", "a\\..\\b", "con", "x".repeat(300))) {
            Path dir = runner.resultDir("ada", id, hostile, "seg");
            assertThat(dir.getParent().getParent()).as(hostile).isEqualTo(results.resolve("ada"));
            assertThat(dir.getParent().getFileName().toString()).as(hostile).endsWith(id).doesNotStartWith(".")
                    .hasSizeLessThanOrEqualTo(61 + id.length());
        }
        // Windows takes a name whose part before the first dot is a device's (CON, NUL, COM1, ...) for that
        // device, whatever follows: "aux.svs_<id>" is no folder there, and the job fails to write its results.
        for (String device : List.of("CON.svs", "aux.tif", "com1.ndpi", "LPT9.x.y", "\uFF30\uFF32\uFF2E.svs")) {
            String folder = runner.resultDir("ada", id, device, "seg").getParent().getFileName().toString();
            String beforeDot = folder.split("\\.", 2)[0].toUpperCase(java.util.Locale.ROOT);
            assertThat(beforeDot).as(device + " -> " + folder).doesNotMatch("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]");
            assertThat(folder).as(device).endsWith("_" + id);
        }
        // A workflow that began writing under its bare id (PathLane 0.3) finishes there, beside its checkpoints.
        Path old = Files.createDirectories(results.resolve("ada").resolve(id).resolve("seg"));
        assertThat(runner.resultDir("ada", id, "Nuclei", "export")).isEqualTo(old.resolveSibling("export"));
        assertThat(runner.existingResultDir("ada", id, "Nuclei", "seg")).isEqualTo(old);
    }

    /** An H2 trigger that fails the first insert after it is armed. */
    public static final class FailOnce implements org.h2.api.Trigger {
        static final java.util.concurrent.atomic.AtomicBoolean ARMED = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws java.sql.SQLException {
            if (ARMED.compareAndSet(true, false)) {
                throw new java.sql.SQLException("injected failure");
            }
        }
    }

    private static String url() {
        return "jdbc:h2:mem:trust" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }
}
