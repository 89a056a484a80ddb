package org.pathlane.app.ui.viewer;

import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.app.session.Session;
import org.pathlane.app.slides.SlideLibraryViewModel;
import org.pathlane.app.viewer.ViewerScreenModel;
import org.pathlane.inference.slide.Slides;
import org.pathlane.viewer.SlideViewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer screen: any slide of the library in the pyramidal viewer, with a nuclei layer that fills
 * tile by tile while a segmentation of this slide runs, and from a result's GeoJSON afterwards. A view of
 * {@link ViewerScreenModel}, which opens the slides, owns their readers and loads the overlays.
 */
public final class ViewerScreen extends BorderPane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewerScreen.class);

    private final Session session;
    private final ViewerScreenModel model;
    private final SlideViewer viewer = new SlideViewer();
    private final ComboBox<String> slides = new ComboBox<>();
    private final Label status = new Label();
    private final Label pixelSize = new Label();

    public ViewerScreen(Session session, SlideLibraryViewModel library, LiveNuclei live) {
        this.session = session;
        this.model = new ViewerScreenModel(session.context().executors(), live, Slides::open);
        setId("viewer-screen");
        status.setId("viewer-status");
        pixelSize.setId("viewer-pixel-size");
        pixelSize.getStyleClass().add("warning-text");
        model.nuclei().setColor(Color.web("#00e5ff"));
        viewer.getLayers().add(model.nuclei());
        viewer.setId("slide-viewer");
        viewer.tileSourceProperty().bind(model.tileSourceProperty());
        // A slide the model has just shown takes the keyboard (arrows, +/-, 0, 1).
        model.tileSourceProperty().addListener((o, was, now) -> {
            if (now != null) {
                viewer.requestFocus();
            }
        });
        slides.setPromptText("Pick a slide of your library");
        slides.setPrefWidth(360);
        // A long slide name shrinks the list, never the buttons beside it.
        slides.setMinWidth(140);
        HBox.setHgrow(slides, Priority.SOMETIMES);
        slides.getItems().setAll(library.slidePaths());
        library.items().addListener((javafx.collections.ListChangeListener<Object>) c -> slides.getItems().setAll(library.slidePaths()));
        model.openSlideProperty().addListener((o, was, now) -> slides.setValue(now));
        slides.setOnAction(e -> {
            if (slides.getValue() != null && !slides.getValue().equals(model.openSlideProperty().get())) {
                model.open(slides.getValue(), null);
            }
        });
        Button overlay = new Button("Load GeoJSON overlay…");
        overlay.setId("load-overlay");
        overlay.setOnAction(e -> chooseOverlay());
        CheckBox visible = new CheckBox("Show nuclei");
        visible.selectedProperty().bindBidirectional(model.nuclei().visibleProperty());
        Button fit = new Button("Fit");
        fit.setId("viewer-fit");
        fit.setTooltip(new javafx.scene.control.Tooltip("Show the whole slide (key 0)"));
        fit.setOnAction(e -> viewer.fit());
        Label caption = new Label("Slide");
        for (javafx.scene.layout.Region keep : List.of(caption, fit, overlay, visible)) {
            keep.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(10, caption, slides, fit, overlay, visible);
        bar.setAlignment(Pos.CENTER_LEFT);
        // The status (slide, vendor, nuclei so far) and the pixel-size warning get a line of their own that
        // wraps, so however long they grow the controls above keep their size.
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        pixelSize.setWrapText(true);
        pixelSize.textProperty().bind(model.pixelSizeWarningProperty());
        pixelSize.visibleProperty().bind(model.pixelSizeWarningProperty().isNotEmpty());
        pixelSize.managedProperty().bind(pixelSize.visibleProperty());
        VBox top = new VBox(4, bar, status, pixelSize);
        top.setPadding(new Insets(8, 12, 8, 12));
        top.getStyleClass().add("editor-toolbar");
        setTop(top);
        setCenter(viewer);
        // 0 fits the slide wherever the focus is on this screen (the slide list, a button), not only after a
        // click in the viewer.
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == javafx.scene.input.KeyCode.DIGIT0 || e.getCode() == javafx.scene.input.KeyCode.NUMPAD0)
                    && !e.isShortcutDown() && !e.isAltDown()) {
                viewer.fit();
                e.consume();
            }
        });
    }

    /** Shows a slide; with a job, its GeoJSON result (finished) or its live nuclei (running) as overlay. */
    public void open(String slidePath, JobRow job) {
        model.open(slidePath, job);
    }

    /** Gives the keyboard to the viewer (arrows, +/-, 0, 1), e.g. when the user comes to this screen. */
    public void focusViewer() {
        viewer.requestFocus();
    }

    private void chooseOverlay() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load nuclei (GeoJSON)");
        // Start in this profile's own folders, never where the toolkit last was (maybe another profile's).
        chooser.setInitialDirectory(model.overlayFolder(this::exportsFolder).toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GeoJSON", "*.geojson", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            model.overlayChosen(file.toPath());
        }
    }

    private java.nio.file.Path exportsFolder() {
        try {
            return session.folders().exports();
        } catch (java.io.UncheckedIOException e) {
            LOG.info("No exports folder for {}: {}", session.userName(), e.getMessage());
            return session.context().dataDir();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
