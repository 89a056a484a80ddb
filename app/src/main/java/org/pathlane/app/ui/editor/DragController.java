package org.pathlane.app.ui.editor;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import org.pathlane.app.editor.EditorViewModel;

/**
 * The editor's drag gestures, handled once at the editor's root from scene coordinates: a palette type
 * dropped into a lane, a job card dragged along or across lanes, and an arrow drawn from a job's
 * output port to another job. Handling them at the root (rather than with platform drag-and-drop)
 * keeps them identical with a mouse, a pen and the test robot.
 */
final class DragController {

    /** Node property: the palette item's job type. */
    static final String PALETTE = "pathlane.palette";
    /** Node property: the job id of a card. */
    static final String JOB = "pathlane.job";
    /** Node property: the job id whose output port this is. */
    static final String PORT = "pathlane.port";
    /** Node property: the dependency an arrow draws. */
    static final String ARROW = "pathlane.arrow";
    /** Node property: a lane's header, whose name and buttons handle their own clicks. */
    static final String LANE_HEADER = "pathlane.laneHeader";
    /** Node property: the lane id that takes drops. */
    static final String LANE_DROP = "pathlane.lane";

    private static final double THRESHOLD = 5;

    private enum Kind { PALETTE, JOB, PORT }

    private final EditorViewModel vm;
    private final WorkflowCanvas canvas;
    private final Pane dragLayer;
    private final Label ghost = new Label();
    private final Line wire = new Line();

    private Kind kind;
    private String source;
    private Point2D pressedAt;
    private boolean dragging;
    private LaneRow highlighted;

    DragController(EditorViewModel vm, WorkflowCanvas canvas, Pane root, Pane dragLayer) {
        this.vm = vm;
        this.canvas = canvas;
        this.dragLayer = dragLayer;
        ghost.getStyleClass().add("drag-ghost");
        ghost.setManaged(false);
        wire.getStyleClass().add("drag-wire");
        wire.setManaged(false);
        dragLayer.setMouseTransparent(true);
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
        root.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::dragged);
        root.addEventFilter(MouseEvent.MOUSE_RELEASED, this::released);
    }

    private void pressed(MouseEvent e) {
        reset();
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Node node = e.getPickResult().getIntersectedNode();
        for (; node != null; node = node.getParent()) {
            var props = node.getProperties();
            if (props.containsKey(PORT)) {
                start(Kind.PORT, (String) props.get(PORT), e);
                e.consume();
                return;
            }
            if (props.containsKey(JOB)) {
                start(Kind.JOB, (String) props.get(JOB), e);
                return;
            }
            if (props.containsKey(PALETTE)) {
                start(Kind.PALETTE, (String) props.get(PALETTE), e);
                return;
            }
            if (props.get(ARROW) instanceof org.pathlane.app.editor.model.Dependency arrow) {
                vm.selectArrow(arrow);
                canvas.requestFocus();
                e.consume();
                return;
            }
            if (props.containsKey(LANE_HEADER)) {
                // Leave the selection (and so the canvas) as it is: redrawing here would replace the
                // lane name under a double-click before its second click arrives.
                return;
            }
            if (node == canvas) {
                vm.select(null);
                return;
            }
        }
    }

    private void start(Kind k, String id, MouseEvent e) {
        kind = k;
        source = id;
        pressedAt = new Point2D(e.getSceneX(), e.getSceneY());
    }

    private void dragged(MouseEvent e) {
        if (kind == null) {
            return;
        }
        if (!dragging && pressedAt.distance(e.getSceneX(), e.getSceneY()) < THRESHOLD) {
            return;
        }
        if (!dragging) {
            dragging = true;
            if (kind == Kind.PORT) {
                Point2D from = canvas.card(source).map(c -> c.outAnchor(dragLayer)).orElse(dragLayer.sceneToLocal(pressedAt));
                wire.setStartX(from.getX());
                wire.setStartY(from.getY());
                dragLayer.getChildren().add(wire);
            } else {
                ghost.setText(kind == Kind.PALETTE ? vm.catalog().label(source)
                        : vm.draft().job(source).map(j -> vm.catalog().label(j.type()) + " · " + j.id()).orElse(source));
                ghost.autosize();
                dragLayer.getChildren().add(ghost);
            }
        }
        Point2D p = dragLayer.sceneToLocal(e.getSceneX(), e.getSceneY());
        if (kind == Kind.PORT) {
            wire.setEndX(p.getX());
            wire.setEndY(p.getY());
        } else {
            ghost.relocate(p.getX() + 8, p.getY() + 8);
            highlight(canvas.laneAt(e.getSceneX(), e.getSceneY()).orElse(null));
        }
        e.consume();
    }

    private void released(MouseEvent e) {
        if (kind == null) {
            return;
        }
        double x = e.getSceneX();
        double y = e.getSceneY();
        try {
            if (!dragging) {
                if (kind == Kind.JOB) {
                    vm.select(source);
                    canvas.requestFocus();
                }
                return;
            }
            e.consume();
            switch (kind) {
                case PALETTE -> canvas.laneAt(x, y).ifPresent(lane ->
                        vm.dropNewJob(source, lane.laneId(), lane.dropIndex(x, null)));
                case JOB -> canvas.laneAt(x, y).ifPresent(lane ->
                        vm.moveJob(source, lane.laneId(), lane.dropIndex(x, source)));
                case PORT -> canvas.cardAt(x, y).ifPresent(card -> vm.connect(source, card.jobId()));
                default -> throw new IllegalStateException(kind.name());
            }
            canvas.requestFocus();
        } finally {
            reset();
        }
    }

    private void highlight(LaneRow row) {
        if (highlighted == row) {
            return;
        }
        if (highlighted != null) {
            highlighted.getStyleClass().remove("drop-target");
        }
        highlighted = row;
        if (row != null) {
            row.getStyleClass().add("drop-target");
        }
    }

    private void reset() {
        highlight(null);
        dragLayer.getChildren().removeAll(ghost, wire);
        kind = null;
        source = null;
        dragging = false;
    }
}
