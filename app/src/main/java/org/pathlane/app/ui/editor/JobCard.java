package org.pathlane.app.ui.editor;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.pathlane.app.editor.model.DraftJob;
import org.pathlane.app.editor.model.Problem;

/** A job on the canvas: its type, id and slide, an input port on the left and an output port on the right. */
final class JobCard extends StackPane {

    static final double WIDTH = 176;
    static final double HEIGHT = 66;

    private final String jobId;
    private final Circle inPort = new Circle(6);
    private final Circle outPort = new Circle(7);

    JobCard(DraftJob job, String typeLabel, List<Problem> problems, boolean selected) {
        this.jobId = job.id();
        setId("job-" + job.id());
        getStyleClass().add("job-card");
        getProperties().put(DragController.JOB, job.id());
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);

        Label title = new Label(typeLabel);
        title.getStyleClass().add("job-title");
        Object slide = job.params().get("slide");
        String detail = job.id() + (slide == null ? "" : " · " + fileName(slide.toString()));
        Label subtitle = new Label(detail);
        subtitle.getStyleClass().add("job-detail");
        VBox text = new VBox(2, title, subtitle);
        text.getStyleClass().add("job-text");
        text.setMouseTransparent(true);

        inPort.getStyleClass().addAll("port", "in-port");
        inPort.setMouseTransparent(true);
        outPort.getStyleClass().addAll("port", "out-port");
        outPort.setId("port-" + job.id());
        outPort.getProperties().put(DragController.PORT, job.id());
        Tooltip.install(outPort, new Tooltip("Drag to another job: that job then waits for this one"));
        StackPane.setAlignment(inPort, javafx.geometry.Pos.CENTER_LEFT);
        StackPane.setAlignment(outPort, javafx.geometry.Pos.CENTER_RIGHT);
        inPort.setTranslateX(-6);
        outPort.setTranslateX(7);
        getChildren().addAll(text, inPort, outPort);

        if (selected) {
            getStyleClass().add("selected");
        }
        if (!problems.isEmpty()) {
            getStyleClass().add("flagged");
            Label badge = new Label("!");
            badge.getStyleClass().add("problem-badge");
            StackPane.setAlignment(badge, javafx.geometry.Pos.TOP_RIGHT);
            badge.setMouseTransparent(true);
            getChildren().add(badge);
            Tooltip.install(this, new Tooltip(String.join("\n", problems.stream().map(Problem::message).toList())));
        }
    }

    String jobId() {
        return jobId;
    }

    /** Where arrows leave this card, in the coordinates of {@code target}. */
    Point2D outAnchor(Region target) {
        var b = localToScene(getBoundsInLocal());
        return target.sceneToLocal(b.getMaxX() + 7, b.getCenterY());
    }

    /** Where arrows enter this card, in the coordinates of {@code target}. */
    Point2D inAnchor(Region target) {
        var b = localToScene(getBoundsInLocal());
        return target.sceneToLocal(b.getMinX() - 6, b.getCenterY());
    }

    static String fileName(String path) {
        try {
            Path p = Path.of(path).getFileName();
            return p == null ? path : p.toString();
        } catch (RuntimeException e) {
            return path;
        }
    }
}
