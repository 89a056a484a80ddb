package org.pathlane.app.ui.editor;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.model.DraftJob;
import org.pathlane.app.editor.model.Lane;
import org.pathlane.app.editor.model.Problem;

/** One branch lane: a header (name, move up/down, delete) and its jobs left to right in run order. */
final class LaneRow extends HBox {

    private final String laneId;
    private final HBox jobsBox = new HBox(56);
    private final List<JobCard> cards = new ArrayList<>();

    LaneRow(Lane lane, int index, int laneCount, EditorViewModel vm) {
        this.laneId = lane.id();
        setId("lane-" + lane.id());
        getStyleClass().add("lane");
        List<Problem> laneProblems = vm.problemsOfLane(lane.id());
        if (!laneProblems.isEmpty()) {
            getStyleClass().add("flagged");
            Tooltip.install(this, new Tooltip(String.join("\n", laneProblems.stream().map(Problem::message).toList())));
        }

        VBox header = header(lane, index, laneCount, vm);
        jobsBox.getStyleClass().add("lane-jobs");
        jobsBox.setAlignment(Pos.CENTER_LEFT);
        jobsBox.setMinHeight(JobCard.HEIGHT + 24);
        jobsBox.getProperties().put(DragController.LANE_DROP, lane.id());
        HBox.setHgrow(jobsBox, Priority.ALWAYS);
        for (DraftJob job : lane.jobs()) {
            JobCard card = new JobCard(job, vm.catalog().label(job.type()), vm.problemsOf(job.id()),
                    job.id().equals(vm.selectedJobProperty().get()));
            cards.add(card);
            jobsBox.getChildren().add(card);
        }
        if (lane.jobs().isEmpty()) {
            Label hint = new Label("Drag a job type here");
            hint.getStyleClass().add("lane-hint");
            hint.setMouseTransparent(true);
            jobsBox.getChildren().add(hint);
        }
        getChildren().addAll(header, jobsBox);
    }

    private VBox header(Lane lane, int index, int laneCount, EditorViewModel vm) {
        Label name = new Label(lane.name().isBlank() ? "(no name)" : lane.name());
        name.setId("lane-name-" + lane.id());
        name.getStyleClass().add("lane-name");
        name.setTooltip(new Tooltip("Double-click to rename. Jobs of a branch run one after another."));
        VBox header = new VBox(6);
        name.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                TextField field = new TextField(lane.name());
                field.setId("lane-rename-" + lane.id());
                field.setOnAction(a -> vm.renameLane(lane.id(), field.getText()));
                field.setOnKeyPressed(k -> {
                    if (k.getCode() == KeyCode.ESCAPE) {
                        header.getChildren().set(0, name);
                    }
                });
                field.focusedProperty().addListener((obs, was, now) -> {
                    if (!now && field.getScene() != null) {
                        vm.renameLane(lane.id(), field.getText());
                    }
                });
                header.getChildren().set(0, field);
                field.requestFocus();
                field.selectAll();
            }
        });
        Button up = small("▲", "Move lane up", () -> vm.moveLane(lane.id(), index - 1));
        up.setDisable(index == 0);
        Button down = small("▼", "Move lane down", () -> vm.moveLane(lane.id(), index + 1));
        down.setDisable(index == laneCount - 1);
        Button delete = small("✕", "Delete lane and its jobs", () -> vm.deleteLane(lane.id()));
        delete.setId("lane-delete-" + lane.id());
        HBox buttons = new HBox(4, up, down, delete);
        header.getChildren().addAll(name, buttons);
        header.getStyleClass().add("lane-header");
        header.getProperties().put(DragController.LANE_HEADER, lane.id());
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Button small(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().addAll("flat", "lane-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    String laneId() {
        return laneId;
    }

    List<JobCard> cards() {
        return cards;
    }

    HBox jobsBox() {
        return jobsBox;
    }

    /** The index a job dropped at scene x would take, counting the lane's cards except {@code movingJob}. */
    int dropIndex(double sceneX, String movingJob) {
        int index = 0;
        for (JobCard card : cards) {
            if (card.jobId().equals(movingJob)) {
                continue;
            }
            var b = card.localToScene(card.getBoundsInLocal());
            if (sceneX > b.getCenterX()) {
                index++;
            }
        }
        return index;
    }
}
