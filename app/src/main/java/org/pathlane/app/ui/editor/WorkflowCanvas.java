package org.pathlane.app.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.model.Lane;
import org.pathlane.app.editor.model.WorkflowDraft;

/** The lanes stacked top to bottom with the arrows drawn over them; redrawn from the view-model's draft. */
final class WorkflowCanvas extends StackPane {

    private final EditorViewModel vm;
    private final VBox lanesBox = new VBox(10);
    private final ArrowLayer arrows = new ArrowLayer();
    private final List<LaneRow> rows = new ArrayList<>();
    private final Map<String, JobCard> cards = new LinkedHashMap<>();

    WorkflowCanvas(EditorViewModel vm) {
        this.vm = vm;
        setId("workflow-canvas");
        getStyleClass().add("workflow-canvas");
        setPadding(new Insets(16));
        lanesBox.setFillWidth(true);
        getChildren().addAll(lanesBox, arrows);
        setFocusTraversable(true);
        vm.revisionProperty().addListener((obs, old, now) -> redraw());
        redraw();
    }

    private void redraw() {
        WorkflowDraft draft = vm.draft();
        rows.clear();
        cards.clear();
        List<javafx.scene.Node> children = new ArrayList<>();
        for (int i = 0; i < draft.lanes().size(); i++) {
            Lane lane = draft.lanes().get(i);
            LaneRow row = new LaneRow(lane, i, draft.lanes().size(), vm);
            rows.add(row);
            row.cards().forEach(c -> cards.put(c.jobId(), c));
            children.add(row);
        }
        Button addLane = new Button("+ Add lane");
        addLane.setId("add-lane");
        addLane.getStyleClass().add("add-lane");
        addLane.setOnAction(e -> vm.addLane());
        children.add(addLane);
        lanesBox.getChildren().setAll(children);
        arrows.rebuild(draft.dependencies(), vm);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        arrows.place(cards);
    }

    /** The lane whose row contains a scene point. */
    Optional<LaneRow> laneAt(double sceneX, double sceneY) {
        return rows.stream().filter(r -> r.localToScene(r.getBoundsInLocal()).contains(sceneX, sceneY)).findFirst();
    }

    /** The job card under a scene point. */
    Optional<JobCard> cardAt(double sceneX, double sceneY) {
        return cards.values().stream().filter(c -> c.localToScene(c.getBoundsInLocal()).contains(sceneX, sceneY)).findFirst();
    }

    List<LaneRow> rows() {
        return rows;
    }

    Optional<JobCard> card(String jobId) {
        return Optional.ofNullable(cards.get(jobId));
    }
}
