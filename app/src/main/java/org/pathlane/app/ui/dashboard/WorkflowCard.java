package org.pathlane.app.ui.dashboard;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.dashboard.WorkflowRow;
import org.pathlane.app.ui.Confirm;
import org.pathlane.app.ui.Navigator;
import org.pathlane.scheduler.model.JobStatus;

/**
 * One workflow on the dashboard. Updated in place as its state changes, so the buttons a user is about to
 * click stay the same nodes while progress ticks in.
 */
final class WorkflowCard extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    private final DashboardViewModel vm;
    private final Navigator navigator;
    private final boolean showUsers;
    private final Label name = new Label();
    private final Label state = new Label();
    private final Label meta = new Label();
    private final Button cancel = new Button("Cancel workflow");
    private final Button retry = new Button("Retry");
    private final Button archive = new Button("Archive");
    private final Button unarchive = new Button("Unarchive");
    private final GridPane jobs = new GridPane();
    private final Map<String, JobLine> lines = new HashMap<>();
    private WorkflowRow shown;

    WorkflowCard(WorkflowRow w, DashboardViewModel vm, Navigator navigator, boolean showUsers) {
        super(10);
        this.vm = vm;
        this.navigator = navigator;
        this.showUsers = showUsers;
        setId("workflow-" + w.id());
        getStyleClass().add("card");
        name.getStyleClass().add("inspector-heading");
        state.setId("workflow-state-" + w.id());
        meta.getStyleClass().add("hint");
        cancel.setId("cancel-workflow-" + w.id());
        cancel.setOnAction(e -> Confirm.ask(this, vm.confirmCancelWorkflow(shown), () -> vm.cancelWorkflow(shown.id())));
        retry.setId("retry-" + w.id());
        retry.setOnAction(e -> vm.retry(w.id()));
        archive.setId("archive-" + w.id());
        archive.setOnAction(e -> vm.archive(shown));
        unarchive.setId("unarchive-" + w.id());
        unarchive.setOnAction(e -> vm.unarchive(shown));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, name, state, meta, spacer, cancel, retry, archive, unarchive);
        header.setAlignment(Pos.CENTER_LEFT);
        jobs.setHgap(12);
        jobs.setVgap(6);
        getChildren().addAll(header, jobs);
        update(w);
    }

    void update(WorkflowRow w) {
        if (w.equals(shown)) {
            return;
        }
        shown = w;
        name.setText(w.name());
        setState(state, w.status().name());
        meta.setText((showUsers ? w.user() + " · " : "") + "submitted " + TIME.format(w.submittedAt()) + " · " + w.summary()
                + (w.archived() ? " · archived" : ""));
        show(cancel, w.cancellable());
        show(retry, w.retryable());
        show(archive, w.archivable());
        show(unarchive, w.archived());
        for (int i = 0; i < w.jobs().size(); i++) {
            JobRow j = w.jobs().get(i);
            JobLine line = lines.get(j.jobId());
            if (line == null) {
                line = new JobLine(j, i);
                lines.put(j.jobId(), line);
            }
            line.update(j);
        }
    }

    /** The cells of one job, kept across updates. */
    private final class JobLine {
        private final Label state = new Label();
        private final ProgressBar bar = new ProgressBar(0);
        private final Label progress = new Label();
        private final Label detail = new Label();
        private final Button cancel = new Button("Cancel");
        private final Button open = new Button();
        private JobRow job;

        JobLine(JobRow j, int row) {
            Label id = new Label(j.jobId());
            id.getStyleClass().add("field-label");
            Label type = new Label(j.typeLabel() + " · " + j.branch());
            state.setId("job-state-" + j.workflowId() + "-" + j.jobId());
            bar.setPrefWidth(160);
            detail.setId("detail-" + j.workflowId() + "-" + j.jobId());
            detail.setWrapText(true);
            detail.setMaxWidth(420);
            cancel.setId("cancel-job-" + j.workflowId() + "-" + j.jobId());
            cancel.getStyleClass().add("small");
            cancel.setOnAction(e -> Confirm.ask(WorkflowCard.this, vm.confirmCancelJob(shown, job),
                    () -> vm.cancelJob(job.workflowId(), job.jobId())));
            open.getStyleClass().add("small");
            open.setOnAction(e -> {
                if (job.watchable()) {
                    navigator.watch(job);
                } else {
                    navigator.openResults(job);
                }
            });
            jobs.addRow(row, id, type, state, bar, progress, detail, new HBox(6, cancel, open));
        }

        void update(JobRow j) {
            job = j;
            setState(state, j.status().name());
            bar.setProgress(j.status() == JobStatus.RUNNING && j.progress() < 0
                    ? ProgressBar.INDETERMINATE_PROGRESS : Math.max(0, j.progress()));
            progress.setText(j.progressText());
            String timing = j.timing(java.time.Instant.now(), java.time.ZoneId.systemDefault());
            detail.setText(timing.isEmpty() ? j.detail() : j.detail().isEmpty() ? timing : j.detail() + "\n" + timing);
            detail.getStyleClass().removeAll("wait-reason", "hint");
            detail.getStyleClass().add(j.status() == JobStatus.PENDING ? "wait-reason" : "hint");
            show(cancel, j.cancellable());
            // A running job without a slide (a Wait job) has nothing to watch and no results yet.
            boolean running = j.watchable();
            show(open, running || (j.status() == JobStatus.SUCCEEDED && j.resultDir() != null));
            open.setText(running ? "Watch" : "Results");
            open.setId((running ? "watch-" : "results-") + j.workflowId() + "-" + j.jobId());
        }
    }

    private static void setState(Label label, String status) {
        label.setText(status);
        label.getStyleClass().removeIf(c -> c.startsWith("state-"));
        label.getStyleClass().addAll(List.of("state-label", "state-" + status));
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
