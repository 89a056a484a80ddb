package org.pathlane.viewer.overlay;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.pathlane.viewer.Viewport;

/**
 * Outlines (e.g. nuclei) that arrive in batches while a job runs. {@link #addAll} may be called from
 * any thread: batches wait in a queue and the FX thread moves them into a spatial index on its next
 * frame, so only the shapes in view are touched. Close up every outline is drawn; when more than
 * {@link #MAX_OUTLINES} would be visible (or the outlines would be specks) each shape becomes a mark,
 * and when more than {@link #MAX_MARKS} would be, a density view of the index's cells is drawn instead.
 */
public final class ShapeLayer extends OverlayLayer {

    /** Beyond this many visible shapes, outlines become marks. */
    public static final int MAX_OUTLINES = 12_000;
    /** Beyond this many visible shapes, marks become a density view. */
    public static final int MAX_MARKS = 40_000;
    /** Outlines narrower than this many screen pixels are drawn as marks. */
    private static final double MIN_OUTLINE_PIXELS = 4;
    private static final double CELL_SIZE = 512;
    /** A density image larger than this (shapes spread over millions of cells) is not built. */
    private static final long MAX_DENSITY_CELLS = 16L << 20;

    /** What the last frame drew, for tests and the status line. */
    public enum Style { NONE, OUTLINES, MARKS, DENSITY }

    private final ObjectProperty<Color> color = new SimpleObjectProperty<>(this, "color", Color.LIME);
    private final ConcurrentLinkedQueue<Collection<OverlayShape>> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean clearRequested = new AtomicBoolean();
    private final ShapeGrid grid = new ShapeGrid(CELL_SIZE);
    /**
     * The mean size of the shapes in the index, which decides outlines or marks: a true mean of what is there
     * now, reset by {@link #clear}, so one file draws the same way whatever the layer showed before and however
     * its shapes were batched (a live job's tiles, a GeoJSON read in chunks).
     */
    private double typicalShapeSize;
    private double shapeSizeSum;
    private long shapeCount;
    private Style lastStyle = Style.NONE;
    private long lastDrawn;
    private final OverlayRaster raster = new OverlayRaster();
    private Image densityImage;
    private long densityVersion;
    private Color densityColor;

    public ShapeLayer(String name) {
        super(name);
        color.addListener(o -> fireChanged());
    }

    public ObjectProperty<Color> colorProperty() {
        return color;
    }

    public void setColor(Color value) {
        color.set(value);
    }

    /** Hands over a batch of outlines; thread-safe, returns at once, the viewer repaints soon after. */
    public void addAll(Collection<OverlayShape> batch) {
        if (!batch.isEmpty()) {
            incoming.add(List.copyOf(batch));
            fireChanged();
        }
    }

    /** Removes every outline (including batches not drawn yet); thread-safe. */
    public void clear() {
        incoming.clear();
        clearRequested.set(true);
        fireChanged();
    }

    @Override
    public boolean hasPendingContent() {
        return !incoming.isEmpty() || clearRequested.get();
    }

    /** Shapes in the index (FX thread; batches still queued are not counted). */
    public int size() {
        return grid.size();
    }

    /** How the last frame drew this layer (FX thread). */
    public Style lastStyle() {
        return lastStyle;
    }

    /** How many shapes, marks or density cells the last frame drew (FX thread). */
    public long lastDrawn() {
        return lastDrawn;
    }

    /** Moves queued batches into the index; FX thread. */
    void absorbIncoming() {
        if (clearRequested.getAndSet(false)) {
            grid.clear();
            shapeSizeSum = 0;
            shapeCount = 0;
            typicalShapeSize = 0;
        }
        Collection<OverlayShape> batch;
        while ((batch = incoming.poll()) != null) {
            for (OverlayShape shape : batch) {
                grid.add(shape);
                shapeSizeSum += Math.max(shape.maxX() - shape.minX(), shape.maxY() - shape.minY());
            }
            shapeCount += batch.size();
            typicalShapeSize = shapeSizeSum / shapeCount;
        }
    }

    @Override
    public void paint(GraphicsContext gc, Viewport view) {
        absorbIncoming();
        lastDrawn = 0;
        lastStyle = Style.NONE;
        if (grid.size() == 0) {
            return;
        }
        double x0 = view.minX();
        double y0 = view.minY();
        double x1 = view.maxX();
        double y1 = view.maxY();
        double estimate = grid.estimate(x0, y0, x1, y1);
        if (estimate > MAX_MARKS) {
            paintDensity(gc, view);
        } else if (estimate > MAX_OUTLINES || typicalShapeSize * view.zoom() < MIN_OUTLINE_PIXELS) {
            paintMarks(gc, view);
        } else {
            paintOutlines(gc, view);
        }
    }

    private void paintOutlines(GraphicsContext gc, Viewport view) {
        lastStyle = Style.OUTLINES;
        int argb = opaqueArgb(color.get());
        raster.begin(gc, view.width(), view.height());
        long[] count = {0};
        grid.query(view.minX(), view.minY(), view.maxX(), view.maxY(), shape -> {
            float[] xy = shape.xy();
            int n = xy.length;
            double px = view.toScreenX(xy[n - 2]);
            double py = view.toScreenY(xy[n - 1]);
            for (int i = 0; i < n; i += 2) {
                double x = view.toScreenX(xy[i]);
                double y = view.toScreenY(xy[i + 1]);
                raster.line(px, py, x, y, argb);
                px = x;
                py = y;
            }
            count[0]++;
        });
        raster.draw(gc);
        lastDrawn = count[0];
    }

    private void paintMarks(GraphicsContext gc, Viewport view) {
        lastStyle = Style.MARKS;
        int argb = opaqueArgb(color.get());
        double size = Math.clamp(typicalShapeSize * view.zoom(), 2, MIN_OUTLINE_PIXELS);
        raster.begin(gc, view.width(), view.height());
        long[] count = {0};
        grid.query(view.minX(), view.minY(), view.maxX(), view.maxY(), shape -> {
            raster.square(view.toScreenX(shape.centerX()), view.toScreenY(shape.centerY()), size, argb);
            count[0]++;
        });
        raster.draw(gc);
        lastDrawn = count[0];
    }

    /** The colour as an opaque ARGB int; the layer's opacity applies when the raster is drawn. */
    private static int opaqueArgb(Color c) {
        return 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    private void paintDensity(GraphicsContext gc, Viewport view) {
        lastStyle = Style.DENSITY;
        int[] bounds = grid.occupiedCells();
        if (bounds == null) {
            return;
        }
        if ((long) (bounds[2] - bounds[0] + 1) * (bounds[3] - bounds[1] + 1) > MAX_DENSITY_CELLS) {
            paintMarks(gc, view);
            return;
        }
        if (densityImage == null || densityVersion != grid.version() || !color.get().equals(densityColor)) {
            densityImage = DensityImage.of(grid, bounds, color.get());
            densityVersion = grid.version();
            densityColor = color.get();
        }
        double cell = grid.cellSize();
        double x0 = view.toScreenX(bounds[0] * cell);
        double y0 = view.toScreenY(bounds[1] * cell);
        // Smooth when the viewer's frame can afford it (it sets the smoothing before drawing layers).
        gc.drawImage(densityImage, x0, y0, densityImage.getWidth() * cell * view.zoom(),
                densityImage.getHeight() * cell * view.zoom());
        lastDrawn = (long) (densityImage.getWidth() * densityImage.getHeight());
    }
}
