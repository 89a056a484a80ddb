package org.pathlane.app.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.app.slides.SlideFacts;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.UnreadableSlideException;
import org.pathlane.viewer.overlay.OverlayShape;
import org.pathlane.viewer.overlay.ShapeLayer;
import org.pathlane.viewer.tile.TileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the viewer screen shows: the open slide and its tile source, one status line (opening, "name · vendor",
 * nuclei so far, what went wrong), the pixel-size warning, and the nuclei overlay from a GeoJSON file or from a
 * running job of the open slide. Owns the slide readers: a reader is opened on the background executor and,
 * once another slide replaced it in the view, closed there after its tile reads in flight have ended. Slide
 * and file work runs on {@link UiExecutors#background()}, property changes on {@link UiExecutors#fx()}; the
 * properties are FX-thread only.
 */
public final class ViewerScreenModel implements AutoCloseable {

    /** Opens a slide file ({@code Slides::open} in the app). */
    @FunctionalInterface
    public interface SlideOpener {
        SlideReader open(Path file) throws IOException;
    }

    /** The nuclei shown and where they came from, e.g. {@code "from cells.geojson"} or {@code "live from job j1"}. */
    public record Overlay(long count, String from) {
    }

    public static final String PICK_A_SLIDE = "Pick a slide.";
    public static final String NO_SLIDE_FOR_RESULT =
            "This result does not name its slide: pick the slide, then Load GeoJSON overlay.";
    private static final Logger LOG = LoggerFactory.getLogger(ViewerScreenModel.class);
    private static final int OVERLAY_BATCH = 5_000;

    /** A slide on screen: its reader and the tile source the viewer reads it through. */
    private record Opened(String path, SlideReader reader, SlideTileSource tiles) {
    }

    /** A count waiting for the FX thread, for the overlay of one {@link #overlayGeneration}. */
    private record PendingCount(long generation, long count, String from) {
    }

    private final UiExecutors executors;
    private final LiveNuclei live;
    private final SlideOpener opener;
    private final ShapeLayer nuclei = new ShapeLayer("nuclei");
    private final ReadOnlyStringWrapper openSlide = new ReadOnlyStringWrapper(this, "openSlide");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", PICK_A_SLIDE);
    private final ReadOnlyStringWrapper pixelSizeWarning = new ReadOnlyStringWrapper(this, "pixelSizeWarning", "");
    private final ReadOnlyObjectWrapper<TileSource> tileSource = new ReadOnlyObjectWrapper<>(this, "tileSource");
    private final ReadOnlyObjectWrapper<Overlay> overlay = new ReadOnlyObjectWrapper<>(this, "overlay");
    private final ReadOnlyObjectWrapper<JobRow> watchedJob = new ReadOnlyObjectWrapper<>(this, "watchedJob");
    /** The slide asked for last; read by the engine's delivery thread for live nuclei. */
    private volatile String currentSlide;
    /** Counts opens: a slide that finishes opening after a newer open began is closed, never shown. */
    private final AtomicLong openGeneration = new AtomicLong();
    /** Counts overlay (re)starts: batches and counts of an overlay replaced meanwhile are dropped. */
    private final AtomicLong overlayGeneration = new AtomicLong();
    private final AtomicLong shown = new AtomicLong();
    private final AtomicReference<PendingCount> pendingCount = new AtomicReference<>();
    private String slideLabel = "";
    private Opened opened;
    private Path lastOverlayFolder;
    private boolean closed;
    private final LiveNuclei.Watcher watcher = new LiveNuclei.Watcher() {
        @Override
        public void nuclei(String workflowId, String jobId, String slide, List<OverlayShape> shapes) {
            String open = currentSlide;
            if (open != null && LiveNuclei.samePath(slide, open)) {
                long generation = overlayGeneration.get();
                nuclei.addAll(shapes);
                showCount(generation, shown.addAndGet(shapes.size()), "live from job " + jobId);
            }
        }

        @Override
        public void ended(String workflowId, String jobId, String slide, boolean succeeded, Path resultDir) {
            String open = currentSlide;
            if (succeeded && open != null && LiveNuclei.samePath(slide, open)) {
                Path geojson = resultDir.resolve("cells.geojson");
                if (Files.exists(geojson)) {
                    executors.fx().execute(() -> {
                        if (Objects.equals(open, currentSlide)) {
                            loadOverlay(geojson);
                        }
                    });
                }
            }
        }
    };

    public ViewerScreenModel(UiExecutors executors, LiveNuclei live, SlideOpener opener) {
        this.executors = executors;
        this.live = live;
        this.opener = opener;
        live.watch(watcher);
    }

    /** The layer the nuclei go into; thread-safe content, add it to the viewer's layers. */
    public ShapeLayer nuclei() {
        return nuclei;
    }

    /** The slide asked for last (shown, or still opening); {@code null} before the first. */
    public ReadOnlyStringProperty openSlideProperty() {
        return openSlide.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the scale bar is hidden and what segmentation assumes, for a slide without a pixel size; else empty. */
    public ReadOnlyStringProperty pixelSizeWarningProperty() {
        return pixelSizeWarning.getReadOnlyProperty();
    }

    /** The open slide's tiles for the viewer; {@code null} while none is open. */
    public ReadOnlyObjectProperty<TileSource> tileSourceProperty() {
        return tileSource.getReadOnlyProperty();
    }

    /** The nuclei overlay shown; {@code null} while there is none. */
    public ReadOnlyObjectProperty<Overlay> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }

    /** The job whose result or live nuclei were asked for with the slide; {@code null} for a plain slide. */
    public ReadOnlyObjectProperty<JobRow> watchedJobProperty() {
        return watchedJob.getReadOnlyProperty();
    }

    /** Shows a slide; with a job, its GeoJSON result (finished) or its live nuclei (running) as overlay. FX thread. */
    public void open(String slidePath, JobRow job) {
        if (slidePath == null) {
            status.set(NO_SLIDE_FOR_RESULT);
            return;
        }
        long generation = openGeneration.incrementAndGet();
        currentSlide = slidePath;
        openSlide.set(slidePath);
        watchedJob.set(job);
        long overlayNow = restartOverlay();
        List<OverlayShape> sofar = live.collected(slidePath);
        nuclei.addAll(sofar);
        shown.set(sofar.size());
        overlay.set(sofar.isEmpty() ? null : new Overlay(sofar.size(), "so far from running jobs"));
        slideLabel = "Opening " + fileName(slidePath) + " …";
        status.set(slideLabel);
        executors.background().execute(() -> {
            Opened now;
            try {
                now = openSlide(slidePath);
            } catch (Exception e) {
                LOG.info("Viewer could not open {}: {}", slidePath, e.getMessage());
                String message = openFailure(slidePath, e);
                executors.fx().execute(() -> failed(generation, message));
                return;
            }
            Path result = job == null || job.resultDir() == null ? null : job.resultDir().resolve("cells.geojson");
            boolean finished = result != null && Files.exists(result);
            executors.fx().execute(() -> show(generation, overlayNow, now, job, finished ? result : null));
        });
    }

    private Opened openSlide(String slidePath) throws IOException {
        SlideReader reader = opener.open(Path.of(slidePath));
        try {
            return new Opened(slidePath, reader, new SlideTileSource(reader));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private void show(long generation, long overlayNow, Opened now, JobRow job, Path resultGeoJson) {
        if (generation != openGeneration.get() || closed) {
            retire(now);
            return;
        }
        Opened old = opened;
        opened = now;
        tileSource.set(now.tiles());
        retire(old);
        slideLabel = fileName(now.path()) + " · " + now.reader().vendor();
        showStatus();
        pixelSizeWarning.set(now.reader().mppX().isEmpty() ? SlideFacts.noPixelSize() + " The scale bar is hidden." : "");
        if (resultGeoJson != null) {
            loadOverlay(resultGeoJson);
        } else if (job != null && job.resultDir() != null) {
            showCount(overlayNow, shown.get(), "so far from job " + job.jobId() + "; more appear as its tiles finish");
        }
    }

    /**
     * The slide asked for last cannot be opened: the view shows nothing rather than the slide before it under
     * this one's name, and the status says why.
     */
    private void failed(long generation, String message) {
        if (generation != openGeneration.get() || closed) {
            return;
        }
        Opened old = opened;
        opened = null;
        tileSource.set(null);
        retire(old);
        slideLabel = "";
        pixelSizeWarning.set("");
        status.set(message);
    }

    /**
     * Closes a slide the view no longer reads (the new source is already in place, so the viewer asks it for
     * nothing more): its tile source takes no more reads at once, and the reader is closed on the background
     * executor once the reads already running on it have ended, so none of them fails on a closed reader.
     */
    private void retire(Opened old) {
        if (old != null) {
            old.tiles().closeWhenIdle().thenRun(() -> executors.background().execute(() -> old.reader().close()));
        }
    }

    /** The folder the overlay dialog opens in: the last one used, the watched job's results, else {@code fallback}. */
    public Path overlayFolder(Supplier<Path> fallback) {
        JobRow job = watchedJob.get();
        for (Path candidate : new Path[] {lastOverlayFolder, job == null ? null : job.resultDir()}) {
            if (candidate != null && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fallback.get();
    }

    /** The user chose a GeoJSON file: it replaces the overlay, and its folder is where the next dialog opens. */
    public void overlayChosen(Path geojson) {
        lastOverlayFolder = geojson.toAbsolutePath().getParent();
        loadOverlay(geojson);
    }

    /** Replaces the overlay with the outlines of a GeoJSON file, read in batches off the FX thread. FX thread. */
    public void loadOverlay(Path geojson) {
        long generation = restartOverlay();
        String from = "from " + geojson.getFileName();
        overlay.set(new Overlay(0, from));
        executors.background().execute(() -> {
            try {
                long total = GeoJsonShapes.read(geojson, OVERLAY_BATCH, batch -> {
                    if (generation != overlayGeneration.get()) {
                        throw new OverlayReplaced();
                    }
                    nuclei.addAll(batch);
                    showCount(generation, shown.addAndGet(batch.size()), from);
                });
                if (total == 0) {
                    showCount(generation, 0, from);
                }
            } catch (OverlayReplaced e) {
                LOG.debug("Stopped reading {}: another overlay replaced it", geojson);
            } catch (Exception e) {
                LOG.info("Overlay {} not loaded: {}", geojson, e.getMessage());
                String message = "Overlay " + geojson.getFileName() + " not loaded: " + reason(geojson, e)
                        + ". Choose another GeoJSON file.";
                executors.fx().execute(() -> {
                    if (generation == overlayGeneration.get()) {
                        overlay.set(null);
                        status.set(slideLabel.isEmpty() ? message : slideLabel + " · " + message);
                    }
                });
            }
        });
    }

    /** Stops a GeoJSON read whose overlay was replaced. */
    private static final class OverlayReplaced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverlayReplaced() {
            super(null, null, false, false);
        }
    }

    /** Empties the overlay; what was on its way for the previous one is dropped. */
    private long restartOverlay() {
        long generation = overlayGeneration.incrementAndGet();
        nuclei.clear();
        shown.set(0);
        overlay.set(null);
        return generation;
    }

    /** Coalesced: one pending FX update however many batches arrive. Any thread. */
    private void showCount(long generation, long count, String from) {
        if (pendingCount.getAndSet(new PendingCount(generation, count, from)) == null) {
            executors.fx().execute(() -> {
                PendingCount latest = pendingCount.getAndSet(null);
                if (latest != null && latest.generation() == overlayGeneration.get()) {
                    overlay.set(new Overlay(latest.count(), latest.from()));
                    showStatus();
                }
            });
        }
    }

    private void showStatus() {
        Overlay now = overlay.get();
        status.set(slideLabel + (now == null ? "" : " · " + String.format(Locale.ROOT, "%,d nuclei %s", now.count(), now.from())));
    }

    private static String openFailure(String slidePath, Exception e) {
        return "Could not open " + fileName(slidePath) + ": " + reason(Path.of(slidePath), e) + ". Pick another slide.";
    }

    /** The exception's message without a leading copy of the file's path (the caller names the file). */
    private static String reason(Path file, Exception e) {
        if (e instanceof UnreadableSlideException unreadable) {
            return unreadable.problem();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        for (String prefix : List.of(file.toString() + ": ", file.toAbsolutePath().normalize() + ": ")) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    private static String fileName(String slidePath) {
        Path name = Path.of(slidePath).getFileName();
        return name == null ? slidePath : name.toString();
    }

    /** Stops watching jobs and closes the open slide (after its reads in flight). FX thread. */
    @Override
    public void close() {
        closed = true;
        live.unwatch(watcher);
        openGeneration.incrementAndGet();
        currentSlide = null;
        tileSource.set(null);
        retire(opened);
        opened = null;
    }
}
