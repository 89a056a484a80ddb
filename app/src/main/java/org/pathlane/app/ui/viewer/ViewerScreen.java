package org.pathlane.app.ui.viewer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
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
import org.pathlane.app.slides.SlideFacts;
import org.pathlane.app.slides.SlideLibraryViewModel;
import org.pathlane.app.viewer.GeoJsonShapes;
import org.pathlane.app.viewer.SlideTileSource;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.viewer.SlideViewer;
import org.pathlane.viewer.overlay.OverlayShape;
import org.pathlane.viewer.overlay.ShapeLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer screen: any slide of the library in the pyramidal viewer, with a nuclei layer that fills
 * tile by tile while a segmentation of this slide runs, and from a result's GeoJSON afterwards.
 */
public final class ViewerScreen extends BorderPane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewerScreen.class);

    private final Session session;
    private final SlideViewer viewer = new SlideViewer();
    private final ShapeLayer nuclei = new ShapeLayer("nuclei");
    private final ComboBox<String> slides = new ComboBox<>();
    private final Label status = new Label("Pick a slide.");
    private final Label pixelSize = new Label();
    {
        status.setId("viewer-status");
        pixelSize.setId("viewer-pixel-size");
        pixelSize.getStyleClass().add("warning-text");
    }
    private final AtomicLong shown = new AtomicLong();
    private final AtomicLong statusQueued = new AtomicLong(-1);
    private String slideLabel = "";
    private String countLabel = "";
    private volatile String currentSlide;
    private SlideReader reader;
    private SlideTileSource source;
    private final LiveNuclei live;
    private Path lastOverlayFolder;
    private JobRow openedJob;
    private final LiveNuclei.Watcher watcher = new LiveNuclei.Watcher() {
        @Override
        public void nuclei(String workflowId, String jobId, String slide, List<OverlayShape> shapes) {
            String open = currentSlide;
            if (open != null && LiveNuclei.samePath(slide, open)) {
                nuclei.addAll(shapes);
                showCount(shown.addAndGet(shapes.size()), "live from job " + jobId);
            }
        }

        @Override
        public void ended(String workflowId, String jobId, String slide, boolean succeeded, Path resultDir) {
            String open = currentSlide;
            if (succeeded && open != null && LiveNuclei.samePath(slide, open) && Files.exists(resultDir.resolve("cells.geojson"))) {
                Platform.runLater(() -> loadOverlay(resultDir.resolve("cells.geojson")));
            }
        }
    };

    public ViewerScreen(Session session, SlideLibraryViewModel library, LiveNuclei live) {
        this.session = session;
        this.live = live;
        setId("viewer-screen");
        nuclei.setColor(Color.web("#00e5ff"));
        viewer.getLayers().add(nuclei);
        viewer.setId("slide-viewer");
        slides.setPromptText("Pick a slide of your library");
        slides.setPrefWidth(360);
        // A long slide name shrinks the list, never the buttons beside it.
        slides.setMinWidth(140);
        HBox.setHgrow(slides, Priority.SOMETIMES);
        slides.getItems().setAll(library.slidePaths());
        library.items().addListener((javafx.collections.ListChangeListener<Object>) c -> slides.getItems().setAll(library.slidePaths()));
        slides.setOnAction(e -> {
            if (slides.getValue() != null && !slides.getValue().equals(currentSlide)) {
                open(slides.getValue(), null);
            }
        });
        Button overlay = new Button("Load GeoJSON overlay…");
        overlay.setId("load-overlay");
        overlay.setOnAction(e -> chooseOverlay());
        CheckBox visible = new CheckBox("Show nuclei");
        visible.selectedProperty().bindBidirectional(nuclei.visibleProperty());
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
        pixelSize.setWrapText(true);
        pixelSize.setManaged(false);
        pixelSize.setVisible(false);
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
        live.watch(watcher);
    }

    /** Shows a slide; with a job, its GeoJSON result (finished) or its live nuclei (running) as overlay. */
    public void open(String slidePath, JobRow job) {
        if (slidePath == null) {
            status.setText("This result does not name its slide: pick the slide, then Load GeoJSON overlay.");
            return;
        }
        currentSlide = slidePath;
        openedJob = job;
        slides.setValue(slidePath);
        nuclei.clear();
        List<OverlayShape> sofar = live.collected(slidePath);
        nuclei.addAll(sofar);
        shown.set(sofar.size());
        slideLabel = "Opening " + Path.of(slidePath).getFileName() + " …";
        countLabel = "";
        status.setText(slideLabel);
        session.context().executors().background().execute(() -> {
            try {
                SlideReader opened = Slides.open(Path.of(slidePath));
                SlideTileSource tiles = new SlideTileSource(opened);
                Platform.runLater(() -> show(slidePath, opened, tiles, job));
            } catch (Exception e) {
                LOG.info("Viewer could not open {}: {}", slidePath, e.getMessage());
                Platform.runLater(() -> status.setText(e.getMessage()));
            }
        });
    }

    private void show(String slidePath, SlideReader opened, SlideTileSource tiles, JobRow job) {
        if (!Objects.equals(slidePath, currentSlide)) {
            tiles.close();
            opened.close();
            return;
        }
        closeSource();
        reader = opened;
        source = tiles;
        viewer.setTileSource(tiles);
        slideLabel = Path.of(slidePath).getFileName() + " · " + opened.vendor();
        status.setText(slideLabel + (countLabel.isEmpty() ? "" : " · " + countLabel));
        boolean noPixelSize = opened.mppX().isEmpty();
        pixelSize.setText(noPixelSize ? SlideFacts.noPixelSize() + " The scale bar is hidden." : "");
        pixelSize.setVisible(noPixelSize);
        pixelSize.setManaged(noPixelSize);
        viewer.requestFocus();
        if (job != null && job.resultDir() != null) {
            Path geojson = job.resultDir().resolve("cells.geojson");
            if (Files.exists(geojson)) {
                loadOverlay(geojson);
            } else {
                showCount(shown.get(), "so far from job " + job.jobId() + "; more appear as its tiles finish");
            }
        }
    }

    /** Gives the keyboard to the viewer (arrows, +/-, 0, 1), e.g. when the user comes to this screen. */
    public void focusViewer() {
        viewer.requestFocus();
    }

    private void chooseOverlay() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load nuclei (GeoJSON)");
        // Start in this profile's own folders, never where the toolkit last was (maybe another profile's).
        chooser.setInitialDirectory(overlayFolder().toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GeoJSON", "*.geojson", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            lastOverlayFolder = file.toPath().getParent();
            loadOverlay(file.toPath());
        }
    }

    /** The folder the overlay dialog opens in: the last one used here, the watched job's, or the profile's exports. */
    private Path overlayFolder() {
        for (Path candidate : new Path[] {lastOverlayFolder, openedJob == null ? null : openedJob.resultDir()}) {
            if (candidate != null && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        try {
            return session.folders().exports();
        } catch (java.io.UncheckedIOException e) {
            LOG.info("No exports folder for {}: {}", session.userName(), e.getMessage());
            return session.context().dataDir();
        }
    }

    private void loadOverlay(Path geojson) {
        nuclei.clear();
        shown.set(0);
        session.context().executors().background().execute(() -> {
            try {
                GeoJsonShapes.read(geojson, 5_000, batch -> {
                    nuclei.addAll(batch);
                    showCount(shown.addAndGet(batch.size()), "from " + geojson.getFileName());
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("Overlay not loaded: " + e.getMessage()));
            }
        });
    }

    /** Coalesced: one pending status update however many batches arrive. */
    private void showCount(long count, String from) {
        if (statusQueued.getAndSet(count) < 0) {
            Platform.runLater(() -> {
                long latest = statusQueued.getAndSet(-1);
                countLabel = String.format(Locale.ROOT, "%,d nuclei %s", latest, from);
                status.setText(slideLabel + " · " + countLabel);
            });
        }
    }

    private void closeSource() {
        if (source != null) {
            source.close();
        }
        if (reader != null) {
            reader.close();
        }
        source = null;
        reader = null;
    }

    @Override
    public void close() {
        live.unwatch(watcher);
        viewer.setTileSource(null);
        closeSource();
    }
}
