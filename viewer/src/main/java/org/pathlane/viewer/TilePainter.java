package org.pathlane.viewer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import org.pathlane.viewer.tile.PyramidLevel;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileKey;
import org.pathlane.viewer.tile.TileLoader;
import org.pathlane.viewer.tile.TileSource;

/**
 * Draws the slide's tiles for one frame without waiting for any: cached tiles of the level that suits
 * the zoom are drawn as they are; for a missing one the first coarser cached level is cut to fit, down
 * to the thumbnail. The missing tiles are then asked for, the thumbnail first and the rest from the
 * centre of the view outwards.
 */
final class TilePainter {

    /** The outcome of one frame: how many tiles of the wanted level are still on their way. */
    record Frame(int level, int drawn, int missing) {
    }

    private final TileCache cache;

    TilePainter(TileCache cache) {
        this.cache = cache;
    }

    /** The level whose pixels are closest to, and not coarser than, one device pixel. */
    static int levelFor(TileSource source, Viewport view, double outputScale) {
        return source.levelFor(1.0 / (view.zoom() * outputScale));
    }

    /**
     * Draws one frame. Without {@code smooth}, scaled tiles are drawn nearest-neighbour: several times
     * cheaper on the software renderer, for frames drawn while the view moves.
     */
    Frame paint(GraphicsContext gc, Viewport view, double outputScale, TileLoader loader, boolean smooth) {
        TileSource source = loader.source();
        int level = levelFor(source, view, outputScale);
        int coarsest = source.coarsestLevel();
        List<TileKey> wanted = new ArrayList<>();
        List<TileKey> missing = new ArrayList<>();
        for (TileKey key : visibleTiles(source, view, coarsest)) {
            if (!cache.contains(key)) {
                wanted.add(key);
            }
        }
        int drawn = 0;
        List<TileKey> visible = visibleTiles(source, view, level);
        double devicePixelsPerTexel = view.zoom() * source.levels().get(level).downsample() * outputScale;
        if (smooth && devicePixelsPerTexel > 1 + 1e-9 && drawMagnified(gc, view, outputScale, source, visible)) {
            loader.want(wanted);
            return new Frame(level, visible.size(), 0);
        }
        for (TileKey key : visible) {
            Image image = cache.get(key);
            double[] r = levelZeroRect(source, key);
            gc.setImageSmoothing(smooth && Math.abs(view.zoom() * source.levels().get(level).downsample() - 1) > 1e-9);
            if (image != null) {
                drawSnapped(gc, view, outputScale, image, 0, 0, image.getWidth(), image.getHeight(), r);
                drawn++;
            } else {
                gc.setImageSmoothing(smooth);
                drawFallback(gc, view, outputScale, source, level + 1, r);
                if (!loader.hasFailed(key)) {
                    missing.add(key);
                }
            }
        }
        double cx = view.centerX();
        double cy = view.centerY();
        missing.sort(Comparator.comparingDouble(key -> {
            double[] r = levelZeroRect(source, key);
            double dx = (r[0] + r[2]) / 2 - cx;
            double dy = (r[1] + r[3]) / 2 - cy;
            return dx * dx + dy * dy;
        }));
        wanted.addAll(missing);
        loader.want(wanted);
        return new Frame(level, drawn, missing.size());
    }

    /**
     * Magnified and smoothed, each tile drawn on its own is interpolated up to its edge and no further, so
     * where two tiles meet the picture steps and a bright or dark one-pixel line shows. When every visible
     * tile is cached they are copied into one image first and that is drawn scaled, interpolating across
     * the tiles' edges as inside a tile. Returns false (nothing drawn) when a tile is missing.
     */
    private boolean drawMagnified(GraphicsContext gc, Viewport view, double outputScale, TileSource source, List<TileKey> visible) {
        if (visible.isEmpty()) {
            return false;
        }
        List<Image> images = new ArrayList<>(visible.size());
        for (TileKey key : visible) {
            Image image = cache.get(key);
            if (image == null) {
                return false;
            }
            images.add(image);
        }
        TileKey first = visible.getFirst();
        TileKey last = visible.getLast();
        double[] r0 = levelZeroRect(source, first);
        double[] r1 = levelZeroRect(source, last);
        int ts = source.tileSize();
        double ds = source.levels().get(first.level()).downsample();
        int width = (int) Math.round((r1[2] - r0[0]) / ds);
        int height = (int) Math.round((r1[3] - r0[1]) / ds);
        if (composite == null || !composite.matches(visible, images)) {
            WritableImage joined = new WritableImage(width, height);
            PixelWriter writer = joined.getPixelWriter();
            for (int i = 0; i < visible.size(); i++) {
                TileKey key = visible.get(i);
                Image image = images.get(i);
                writer.setPixels((key.col() - first.col()) * ts, (key.row() - first.row()) * ts,
                        (int) image.getWidth(), (int) image.getHeight(), image.getPixelReader(), 0, 0);
            }
            composite = new Composite(List.copyOf(visible), List.copyOf(images), joined);
        }
        gc.setImageSmoothing(true);
        drawSnapped(gc, view, outputScale, composite.image(), 0, 0, width, height, new double[] {r0[0], r0[1], r1[2], r1[3]});
        return true;
    }

    /** The last joined image, reused while the same tiles are in view (a settled view repaints for overlays). */
    private Composite composite;

    private record Composite(List<TileKey> keys, List<Image> images, WritableImage image) {
        boolean matches(List<TileKey> otherKeys, List<Image> otherImages) {
            if (!keys.equals(otherKeys)) {
                return false;
            }
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i) != otherImages.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Fills the level-0 rectangle {@code r} from the first coarser level that has all its tiles cached. */
    private void drawFallback(GraphicsContext gc, Viewport view, double outputScale, TileSource source,
                              int fromLevel, double[] r) {
        int ts = source.tileSize();
        for (int l = fromLevel; l < source.levels().size(); l++) {
            PyramidLevel level = source.levels().get(l);
            double ds = level.downsample();
            int c0 = Math.max(0, (int) Math.floor(r[0] / ds / ts));
            int c1 = Math.min(level.columns(ts) - 1, (int) Math.floor((r[2] - 1e-6) / ds / ts));
            int r0 = Math.max(0, (int) Math.floor(r[1] / ds / ts));
            int r1 = Math.min(level.rows(ts) - 1, (int) Math.floor((r[3] - 1e-6) / ds / ts));
            List<Image> images = new ArrayList<>();
            for (int row = r0; row <= r1 && images != null; row++) {
                for (int col = c0; col <= c1; col++) {
                    Image image = cache.get(new TileKey(source.id(), l, col, row));
                    if (image == null) {
                        images = null;
                        break;
                    }
                    images.add(image);
                }
            }
            if (images == null) {
                continue;
            }
            int i = 0;
            for (int row = r0; row <= r1; row++) {
                for (int col = c0; col <= c1; col++) {
                    Image image = images.get(i++);
                    double tx0 = (double) col * ts * ds;
                    double ty0 = (double) row * ts * ds;
                    double x0 = Math.max(r[0], tx0);
                    double y0 = Math.max(r[1], ty0);
                    double x1 = Math.min(r[2], tx0 + image.getWidth() * ds);
                    double y1 = Math.min(r[3], ty0 + image.getHeight() * ds);
                    if (x1 > x0 && y1 > y0) {
                        drawSnapped(gc, view, outputScale, image, (x0 - tx0) / ds, (y0 - ty0) / ds,
                                (x1 - x0) / ds, (y1 - y0) / ds, new double[] {x0, y0, x1, y1});
                    }
                }
            }
            return;
        }
    }

    /** Draws the source rectangle onto the level-0 rectangle {@code r}, edges on whole device pixels. */
    private static void drawSnapped(GraphicsContext gc, Viewport view, double outputScale, Image image,
                                    double sx, double sy, double sw, double sh, double[] r) {
        double x0 = snap(view.toScreenX(r[0]), outputScale);
        double y0 = snap(view.toScreenY(r[1]), outputScale);
        double x1 = snap(view.toScreenX(r[2]), outputScale);
        double y1 = snap(view.toScreenY(r[3]), outputScale);
        if (x1 > x0 && y1 > y0) {
            gc.drawImage(image, sx, sy, sw, sh, x0, y0, x1 - x0, y1 - y0);
        }
    }

    private static double snap(double screen, double outputScale) {
        return Math.round(screen * outputScale) / outputScale;
    }

    /** The level-0 rectangle {x0, y0, x1, y1} a tile covers, cut at the level's edge. */
    static double[] levelZeroRect(TileSource source, TileKey key) {
        PyramidLevel level = source.levels().get(key.level());
        int ts = source.tileSize();
        double ds = level.downsample();
        long px = (long) key.col() * ts;
        long py = (long) key.row() * ts;
        long w = Math.min(ts, level.width() - px);
        long h = Math.min(ts, level.height() - py);
        return new double[] {px * ds, py * ds, (px + w) * ds, (py + h) * ds};
    }

    /** The tiles of {@code level} that overlap the view, row by row. */
    static List<TileKey> visibleTiles(TileSource source, Viewport view, int level) {
        PyramidLevel l = source.levels().get(level);
        int ts = source.tileSize();
        double span = ts * l.downsample();
        int c0 = Math.max(0, (int) Math.floor(view.minX() / span));
        int c1 = Math.min(l.columns(ts) - 1, (int) Math.floor(view.maxX() / span));
        int r0 = Math.max(0, (int) Math.floor(view.minY() / span));
        int r1 = Math.min(l.rows(ts) - 1, (int) Math.floor(view.maxY() / span));
        List<TileKey> keys = new ArrayList<>(Math.max(0, (c1 - c0 + 1) * (r1 - r0 + 1)));
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                keys.add(new TileKey(source.id(), level, col, row));
            }
        }
        return keys;
    }
}
