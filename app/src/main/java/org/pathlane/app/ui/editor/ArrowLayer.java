package org.pathlane.app.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.model.Dependency;

/**
 * The dependency arrows, drawn over the lanes from one job's output port to another's input. Shapes
 * are created when the draft changes and only moved when the lanes lay out again.
 */
final class ArrowLayer extends Pane {

    private record Arrow(Dependency dependency, Group group, CubicCurve line, CubicCurve hit, Polygon head, Circle handle) {
    }

    private final List<Arrow> arrows = new ArrayList<>();

    ArrowLayer() {
        setPickOnBounds(false);
        getStyleClass().add("arrow-layer");
    }

    void rebuild(List<Dependency> dependencies, EditorViewModel vm) {
        getChildren().clear();
        arrows.clear();
        for (Dependency d : dependencies) {
            CubicCurve line = curve("arrow-line");
            CubicCurve hit = curve("arrow-hit");
            Polygon head = new Polygon();
            head.getStyleClass().add("arrow-head");
            Circle handle = new Circle(5);
            handle.setId("arrow-handle-" + d.from() + "-" + d.to());
            handle.getStyleClass().add("arrow-handle");
            Tooltip.install(handle, new Tooltip(d.to() + " waits for " + d.from() + ". Click, then Delete to remove."));
            Group group = new Group(hit, line, head, handle);
            group.setId("arrow-" + d.from() + "-" + d.to());
            group.getStyleClass().add("arrow");
            if (vm.isFlagged(d)) {
                group.getStyleClass().add("flagged");
            }
            if (d.equals(vm.selectedArrowProperty().get())) {
                group.getStyleClass().add("selected");
            }
            group.setManaged(false);
            group.getProperties().put(DragController.ARROW, d);
            arrows.add(new Arrow(d, group, line, hit, head, handle));
            getChildren().add(group);
        }
    }

    /** Moves every arrow to its cards' current positions. */
    void place(Map<String, JobCard> cards) {
        for (Arrow a : arrows) {
            JobCard from = cards.get(a.dependency().from());
            JobCard to = cards.get(a.dependency().to());
            boolean visible = from != null && to != null && from.getScene() != null;
            a.group().setVisible(visible);
            if (!visible) {
                continue;
            }
            Point2D start = from.outAnchor(this);
            Point2D end = to.inAnchor(this);
            double reach = Math.max(50, Math.abs(end.getX() - start.getX()) / 2);
            boolean sameRow = Math.abs(end.getY() - start.getY()) < JobCard.HEIGHT / 2;
            double bend = sameRow && end.getX() < start.getX() ? JobCard.HEIGHT * 0.9 : 0;
            for (CubicCurve c : List.of(a.line(), a.hit())) {
                c.setStartX(start.getX());
                c.setStartY(start.getY());
                c.setControlX1(start.getX() + reach);
                c.setControlY1(start.getY() + bend);
                c.setControlX2(end.getX() - reach);
                c.setControlY2(end.getY() + bend);
                c.setEndX(end.getX());
                c.setEndY(end.getY());
            }
            a.handle().setCenterX((start.getX() + 3 * (start.getX() + reach) + 3 * (end.getX() - reach) + end.getX()) / 8);
            a.handle().setCenterY((start.getY() + 3 * (start.getY() + bend) + 3 * (end.getY() + bend) + end.getY()) / 8);
            double size = 8;
            a.head().getPoints().setAll(end.getX(), end.getY(),
                    end.getX() - size * 1.4, end.getY() - size * 0.7,
                    end.getX() - size * 1.4, end.getY() + size * 0.7);
        }
    }

    private static CubicCurve curve(String styleClass) {
        CubicCurve c = new CubicCurve();
        c.getStyleClass().add(styleClass);
        c.setFill(null);
        return c;
    }
}
