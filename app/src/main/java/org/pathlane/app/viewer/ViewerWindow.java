package org.pathlane.app.viewer;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.pathlane.viewer.SlideViewer;
import org.pathlane.viewer.overlay.OverlayLayer;
import org.pathlane.viewer.tile.TileSource;

/**
 * A plain window around a {@link SlideViewer}: a visibility box and an opacity slider per layer on top,
 * the zoom and centre below. What {@code pathlane view} opens; the desktop app embeds the control itself.
 * FX thread only.
 */
public final class ViewerWindow {

    private final Stage stage;
    private final SlideViewer viewer;

    public ViewerWindow(Stage stage, String title, TileSource source) {
        this.stage = stage;
        this.viewer = new SlideViewer();
        viewer.setTileSource(source);
        HBox layers = new HBox(12);
        layers.setPadding(new Insets(6, 10, 6, 10));
        layers.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setPadding(new Insets(4, 10, 4, 10));
        status.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                        "zoom %.3f (%s)   centre %.0f, %.0f   %s", viewer.getZoom(), magnification(source, viewer.getZoom()),
                        viewer.getCenterX(), viewer.getCenterY(),
                        viewer.viewCompleteProperty().get() ? "" : "loading tiles..."),
                viewer.zoomProperty(), viewer.centerXProperty(), viewer.centerYProperty(), viewer.viewCompleteProperty()));
        viewer.getLayers().addListener((javafx.collections.ListChangeListener<OverlayLayer>) change -> {
            layers.getChildren().clear();
            viewer.getLayers().forEach(layer -> layers.getChildren().add(controls(layer)));
        });
        BorderPane root = new BorderPane(viewer, layers, null, status, null);
        stage.setTitle(title);
        stage.setScene(new Scene(root, 1280, 860));
    }

    private static String magnification(TileSource source, double zoom) {
        return source.micronsPerPixel().isPresent()
                ? String.format(Locale.ROOT, "%.1f µm per screen px", source.micronsPerPixel().getAsDouble() / zoom)
                : String.format(Locale.ROOT, "%.0f%%", zoom * 100);
    }

    private static HBox controls(OverlayLayer layer) {
        CheckBox visible = new CheckBox(layer.name());
        visible.selectedProperty().bindBidirectional(layer.visibleProperty());
        Slider opacity = new Slider(0, 1, layer.getOpacity());
        opacity.setPrefWidth(90);
        opacity.valueProperty().bindBidirectional(layer.opacityProperty());
        HBox box = new HBox(6, visible, opacity);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    public SlideViewer viewer() {
        return viewer;
    }

    public Stage stage() {
        return stage;
    }
}
