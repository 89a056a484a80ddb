package org.pathlane.scheduler.validation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.jobs.SleepJob;

/** Rule 12: every rejection names the workflow, then the job or field, then the problem. */
class WorkflowValidatorTest {

    private final WorkflowValidator validator = new WorkflowValidator(Map.of(SleepJob.TYPE, new SleepJob()));

    private static JobSpec sleep(String id, String branch, String... dependsOn) {
        return new JobSpec(id, branch, SleepJob.TYPE, Map.of("durationMs", 5), Arrays.asList(dependsOn));
    }

    private void rejected(List<JobSpec> jobs, String... fragments) {
        var thrown = assertThatThrownBy(() -> validator.validate(new WorkflowSpec("scan", jobs)))
                .isInstanceOf(WorkflowRejectedException.class).hasMessageStartingWith("workflow \"scan\": ");
        for (String fragment : fragments) {
            thrown.hasMessageContaining(fragment);
        }
    }

    @Test
    void aValidWorkflowPasses() {
        assertThatCode(() -> validator.validate(new WorkflowSpec("scan", List.of(sleep("a", "A"), sleep("b", "B", "a"),
                sleep("c", "A", "b"))))).doesNotThrowAnyException();
    }

    @Test
    void duplicatedJobId() {
        rejected(List.of(sleep("a", "A"), sleep("a", "B")), "job id \"a\" is used twice");
    }

    @Test
    void dependencyOnAnUnknownJobOrAJobOfAnotherWorkflow() {
        rejected(List.of(sleep("a", "A", "ghost")), "job \"a\"", "\"dependsOn\"", "\"ghost\"", "not a job of this workflow");
    }

    @Test
    void cycleOfDependencies() {
        rejected(List.of(sleep("a", "A", "b"), sleep("b", "B", "a")), "cycle", "a -> b -> a");
    }

    @Test
    void cycleThroughBranchOrder() {
        // a runs before b in branch A, but a waits for b: neither can ever start.
        rejected(List.of(sleep("a", "A", "b"), sleep("b", "A")), "cycle", "a -> b -> a");
    }

    @Test
    void selfDependencyIsACycle() {
        rejected(List.of(sleep("a", "A", "a")), "cycle", "a -> a");
    }

    @Test
    void emptyJobList() {
        rejected(List.of(), "the job list is empty");
    }

    @Test
    void emptyBranch() {
        rejected(List.of(sleep("a", " ")), "job \"a\"", "field \"branch\" is missing or empty");
        rejected(List.of(sleep("a", null)), "job \"a\"", "field \"branch\"");
    }

    @Test
    void missingJobId() {
        rejected(List.of(sleep("", "A")), "job #1", "field \"id\"");
    }

    @Test
    void fieldsOfTheWrongType() {
        rejected(List.of(new JobSpec("a", "A", SleepJob.TYPE, Map.of("durationMs", "ten"), List.of())),
                "job \"a\"", "field \"durationMs\"", "\"ten\"");
        rejected(List.of(new JobSpec("a", "A", SleepJob.TYPE, Map.of("durationMs", -1), List.of())), "field \"durationMs\"");
        rejected(List.of(new JobSpec("a", "A", SleepJob.TYPE, Map.of("durationMs", 1.5), List.of())), "field \"durationMs\"");
        rejected(List.of(new JobSpec("a", "A", SleepJob.TYPE, Map.of("fail", "yes"), List.of())), "job \"a\"", "field \"fail\"");
        rejected(List.of(new JobSpec("a", "A", SleepJob.TYPE, Map.of("when", new Object()), List.of())),
                "job \"a\"", "field \"when\"", "parameters must be");
    }

    @Test
    void unknownJobType() {
        rejected(List.of(new JobSpec("a", "A", "segment", Map.of(), List.of())), "job \"a\"", "field \"type\"",
                "\"segment\"", "known: sleep");
    }
}
