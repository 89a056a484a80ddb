package org.pathlane.app.viewer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import org.pathlane.viewer.SlideViewer;
import org.pathlane.viewer.Viewport;
import org.pathlane.viewer.overlay.OverlayShape;
import org.pathlane.viewer.overlay.ShapeLayer;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileSource;

/**
 * Drives a real {@link SlideViewer} along a scripted pan/zoom path (fit → 1:1 on tissue → pan → ¼ →
 * pan → fit) with an overlay of nuclei. The first pass loads every tile the path needs and times each
 * read; after one unmeasured warm-up pass, the last pass times every frame from cache: the FX thread's
 * paint, and paint plus a render of the whole scene (wall time, and the CPU time the FX and renderer
 * threads spent on it, which a busy machine does not inflate); then the smooth frame drawn once the view
 * stops, at every tenth view of the path. Call from a command-line thread.
 */
public final class ViewerBenchmark {

    /** Milliseconds, sorted. */
    public record Figures(double[] sorted) {
        public double percentile(double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }

        public double max() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        }

        public int count() {
            return sorted.length;
        }

        static Figures of(List<Double> ms) {
            double[] values = ms.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(values);
            return new Figures(values);
        }
    }

    public record Result(int frames, Figures tileLatency, Figures paint, Figures frame, Figures frameCpu, Figures settledCpu,
                         int framesMissingTiles,
                         Map<ShapeLayer.Style, Figures> cpuByOverlayStyle, long cacheBytes) {
    }

    private static final long STEP_TIMEOUT_SECONDS = 120;

    private ViewerBenchmark() {
    }

    /** The scripted path over a slide of {@code slideW × slideH} for a view of {@code w × h}, ending where it began. */
    public static List<Viewport> path(double slideW, double slideH, double w, double h, double focusX, double focusY) {
        List<Viewport> path = new ArrayList<>();
        Viewport fit = Viewport.fit(slideW, slideH, w, h);
        int in = 40;
        for (int i = 0; i <= in; i++) {
            double t = (double) i / in;
            double zoom = fit.zoom() * Math.pow(1.0 / fit.zoom(), t);
            path.add(new Viewport(fit.centerX() + (focusX - fit.centerX()) * t, fit.centerY() + (focusY - fit.centerY()) * t,
                    zoom, w, h));
        }
        Viewport v = path.getLast();
        for (int i = 0; i < 40; i++) {
            v = v.panBy(-150, -40);
            path.add(v);
        }
        v = zoomSteps(path, v, 0.25, 16);
        for (int i = 0; i < 30; i++) {
            v = v.panBy(100, 0);
            path.add(v);
        }
        zoomSteps(path, v, fit.zoom(), 24);
        return path;
    }

    private static Map<ShapeLayer.Style, Figures> byStyle(Map<ShapeLayer.Style, List<Double>> styles) {
        Map<ShapeLayer.Style, Figures> figures = new EnumMap<>(ShapeLayer.Style.class);
        styles.forEach((style, ms) -> figures.put(style, Figures.of(ms)));
        return figures;
    }

    /** CPU time of the calling (FX) thread and of the renderer threads. */
    private static long cpuNanos(ThreadMXBean threads, long[] renderThreads) {
        long total = threads.getCurrentThreadCpuTime();
        for (long id : renderThreads) {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        return total;
    }

    private static Viewport zoomSteps(List<Viewport> path, Viewport from, double to, int steps) {
        Viewport v = from;
        for (int i = 1; i <= steps; i++) {
            v = from.zoomAround(from.width() / 2, from.height() / 2, from.zoom() * Math.pow(to / from.zoom(), (double) i / steps));
            path.add(v);
        }
        return v;
    }

    public static Result run(TileSource source, List<OverlayShape> nuclei, List<Viewport> path, int width, int height,
                             TileCache cache) throws IOException {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        ShapeLayer cells = new ShapeLayer("nuclei");
        OffscreenViewer offscreen = JavaFxRuntime.onFx(() -> {
            SlideViewer viewer = new SlideViewer(cache);
            viewer.setTileSource(source);
            viewer.setViewport(path.getFirst());
            viewer.getLayers().add(cells);
            viewer.setTileObserver((key, nanos) -> latencies.add(nanos / 1e6));
            return new OffscreenViewer(viewer, width, height);
        });
        SlideViewer viewer = offscreen.viewer();
        // The nuclei arrive as a segmentation job reports them: a few hundred per tile, from another thread.
        Thread job = Thread.ofPlatform().name("bench-nuclei").start(() -> {
            for (int i = 0; i < nuclei.size(); i += 500) {
                cells.addAll(nuclei.subList(i, Math.min(nuclei.size(), i + 500)));
            }
        });
        try {
            job.join();
            for (Viewport view : path) {
                CompletableFuture<Void> complete = JavaFxRuntime.onFx(() -> {
                    viewer.setViewport(view);
                    return viewer.whenViewComplete();
                });
                complete.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the path's tiles did not arrive within " + STEP_TIMEOUT_SECONDS + " s per step", e);
        }
        List<Double> paint = new ArrayList<>();
        List<Double> frame = new ArrayList<>();
        List<Double> frameCpu = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] renderThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::threadId).toArray();
        Map<ShapeLayer.Style, List<Double>> styles = new EnumMap<>(ShapeLayer.Style.class);
        int[] missing = {0};
        WritableImage[] buffer = {null};
        // The path is one continuous motion: the smooth "stopped" frame must not interrupt it when the
        // machine is slow, so it is measured on its own below.
        JavaFxRuntime.onFx(() -> {
            viewer.setSettleDelay(Duration.hours(1));
            return null;
        });
        for (int pass = 0; pass < 2; pass++) {
            boolean measure = pass == 1;
            for (Viewport view : path) {
                JavaFxRuntime.onFx(() -> {
                    long c0 = cpuNanos(threads, renderThreads);
                    long t0 = System.nanoTime();
                    viewer.setViewport(view);
                    viewer.paintNow();
                    long t1 = System.nanoTime();
                    buffer[0] = offscreen.render(buffer[0]);
                    long t2 = System.nanoTime();
                    long c2 = cpuNanos(threads, renderThreads);
                    if (measure) {
                        paint.add((t1 - t0) / 1e6);
                        frame.add((t2 - t0) / 1e6);
                        frameCpu.add((c2 - c0) / 1e6);
                        styles.computeIfAbsent(cells.lastStyle(), k -> new ArrayList<>()).add((c2 - c0) / 1e6);
                        if (!viewer.viewCompleteProperty().get()) {
                            missing[0]++;
                        }
                    }
                    return null;
                });
            }
        }
        List<Double> settled = new ArrayList<>();
        for (int i = 0; i < path.size(); i += 10) {
            Viewport view = path.get(i);
            JavaFxRuntime.onFx(() -> {
                viewer.setViewport(view);
                viewer.paintNow();
                viewer.settleNow();
                long c0 = cpuNanos(threads, renderThreads);
                viewer.paintNow();
                buffer[0] = offscreen.render(buffer[0]);
                settled.add((cpuNanos(threads, renderThreads) - c0) / 1e6);
                return null;
            });
        }
        return new Result(path.size(), Figures.of(new ArrayList<>(latencies)), Figures.of(paint), Figures.of(frame), Figures.of(frameCpu),
                Figures.of(settled),
                missing[0], byStyle(styles), cache.usedBytes());
    }
}
