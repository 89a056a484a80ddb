package org.pathlane.app.ui.dashboard;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.dashboard.WorkflowRow;
import org.pathlane.app.ui.Navigator;
import org.pathlane.scheduler.model.JobStatus;

/** Every workflow with its jobs' state, progress and wait reason; cancel, retry and results from here. */
public final class DashboardView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    private final DashboardViewModel vm;
    private final Navigator navigator;
    private final boolean showUsers;
    private final VBox list = new VBox(12);

    public DashboardView(DashboardViewModel vm, Navigator navigator, boolean showUsers) {
        super(10);
        this.vm = vm;
        this.navigator = navigator;
        this.showUsers = showUsers;
        setId("dashboard");
        setPadding(new Insets(16));
        Label title = new Label(showUsers ? "Dashboard · every user's work" : "Dashboard");
        title.getStyleClass().add("screen-title");
        Label queue = new Label();
        queue.setId("user-queue");
        queue.getStyleClass().add("hint");
        queue.textProperty().bind(vm.queueTextProperty());
        Label message = new Label();
        message.setId("dashboard-message");
        message.textProperty().bind(vm.messageProperty());
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, queue, message, scroll);
        vm.workflows().addListener((ListChangeListener<WorkflowRow>) c -> redraw());
        redraw();
    }

    private void redraw() {
        if (vm.workflows().isEmpty()) {
            Label empty = new Label("No workflows yet. Build one in the editor and press Submit.");
            empty.getStyleClass().add("hint");
            list.getChildren().setAll(empty);
            return;
        }
        list.getChildren().setAll(vm.workflows().stream().map(this::card).toList());
    }

    private VBox card(WorkflowRow w) {
        Label name = new Label(w.name());
        name.getStyleClass().add("inspector-heading");
        Label state = state(w.status().name(), "workflow-state-" + w.id());
        Label meta = new Label((showUsers ? w.user() + " · " : "") + "submitted " + TIME.format(w.submittedAt()) + " · " + w.summary());
        meta.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, name, state, meta, spacer);
        header.setAlignment(Pos.CENTER_LEFT);
        if (w.cancellable()) {
            Button cancel = new Button("Cancel workflow");
            cancel.setId("cancel-workflow-" + w.id());
            cancel.setOnAction(e -> vm.cancelWorkflow(w.id()));
            header.getChildren().add(cancel);
        }
        if (w.retryable()) {
            Button retry = new Button("Retry");
            retry.setId("retry-" + w.id());
            retry.setOnAction(e -> vm.retry(w.id()));
            header.getChildren().add(retry);
        }
        GridPane jobs = new GridPane();
        jobs.setHgap(12);
        jobs.setVgap(6);
        int row = 0;
        for (JobRow j : w.jobs()) {
            Label id = new Label(j.jobId());
            id.getStyleClass().add("field-label");
            Label type = new Label(j.typeLabel() + " · " + j.branch());
            ProgressBar bar = new ProgressBar(j.status() == JobStatus.RUNNING && j.progress() < 0
                    ? ProgressBar.INDETERMINATE_PROGRESS : Math.max(0, j.progress()));
            bar.setPrefWidth(160);
            Label progress = new Label(j.progressText());
            Label detail = new Label(j.detail());
            detail.setId("detail-" + w.id() + "-" + j.jobId());
            detail.getStyleClass().add(j.status() == JobStatus.PENDING ? "wait-reason" : "hint");
            detail.setWrapText(true);
            detail.setMaxWidth(420);
            HBox actions = new HBox(6);
            if (j.cancellable()) {
                Button cancel = new Button("Cancel");
                cancel.setId("cancel-job-" + w.id() + "-" + j.jobId());
                cancel.getStyleClass().add("small");
                cancel.setOnAction(e -> vm.cancelJob(w.id(), j.jobId()));
                actions.getChildren().add(cancel);
            }
            if (j.status() == JobStatus.SUCCEEDED || j.status() == JobStatus.RUNNING) {
                Button results = new Button(j.status() == JobStatus.RUNNING ? "Watch" : "Results");
                results.getStyleClass().add("small");
                results.setOnAction(e -> {
                    if (j.status() == JobStatus.RUNNING) {
                        navigator.watch(j);
                    } else {
                        navigator.openResults(j);
                    }
                });
                actions.getChildren().add(results);
            }
            jobs.addRow(row++, id, type, state(j.status().name(), "job-state-" + w.id() + "-" + j.jobId()), bar, progress, detail, actions);
        }
        VBox card = new VBox(10, header, jobs);
        card.getStyleClass().add("card");
        card.setId("workflow-" + w.id());
        return card;
    }

    private static Label state(String status, String id) {
        Label l = new Label(status);
        l.setId(id);
        l.getStyleClass().addAll("state-label", "state-" + status);
        return l;
    }
}
