package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowView;

/** Archiving hides finished workflows from the default dashboard query; only their owner (or an admin) may. */
class ArchiveTest {

    @TempDir
    Path results;

    @Test
    void onlyTheOwnerOrAnAdminArchivesAndOnlyFinishedWorkIsArchived() throws Exception {
        try (Harness h = new Harness(new Limits(2, 2), results)) {
            h.users("ana", "bob");
            h.scheduler.profiles().create(null, new UserProfile("root", null, true, null, null));
            String done = h.submit("ana", Harness.job("a1", "A"));
            String running = h.submit("ana", Harness.job("a2", "B"));
            h.pass("a1");
            h.await(EventType.WORKFLOW_FINISHED, "ana");
            h.await(EventType.JOB_STARTED, "a2");
            WorkflowQuery shown = new WorkflowQuery(null, null, null, false);

            assertThatThrownBy(() -> h.scheduler.archive("bob", List.of(done), true))
                    .as("bob cannot archive ana's workflow").isInstanceOf(NotFoundException.class);
            assertThat(h.scheduler.workflows("ana", shown, 50)).extracting(WorkflowView::id).contains(done);

            assertThat(h.scheduler.archive("ana", List.of(done, running), true)).as("the running one is left").isEqualTo(1);
            assertThat(h.scheduler.workflows("ana", shown, 50)).extracting(WorkflowView::id).containsExactly(running);
            assertThat(h.scheduler.workflows("ana", WorkflowQuery.ANY, 50)).filteredOn(WorkflowView::archived)
                    .extracting(WorkflowView::id).containsExactly(done);
            assertThat(h.scheduler.workflow("ana", done).jobs()).as("kept with its jobs").hasSize(1);
            assertThat(h.scheduler.workflows("bob", new WorkflowQuery("ana", null, null, null), 50))
                    .as("bob asking for ana's workflows sees none").isEmpty();

            assertThat(h.scheduler.archive("root", List.of(done), false)).as("an admin unarchives anyone's").isEqualTo(1);
            assertThat(h.scheduler.countWorkflows("ana", shown)).isEqualTo(2);
            h.pass("a2");
        }
    }
}
