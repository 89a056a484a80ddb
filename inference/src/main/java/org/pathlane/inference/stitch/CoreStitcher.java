package org.pathlane.inference.stitch;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.pathlane.inference.measure.NucleusMeasurements;
import org.pathlane.inference.measure.ShapeMeasures;
import org.pathlane.inference.postprocess.TileInstance;

/**
 * Seam-free stitching: an instance belongs to the tile whose core holds its centroid; the others are
 * halo instances that the neighbouring tile reports in full. With a halo wider than a nucleus, each
 * nucleus is reported exactly once and never cut at a seam. Outlines are simplified by half a pixel
 * (pixel staircases become straight edges) and moved to level-0 coordinates, where their shape is measured.
 */
public final class CoreStitcher {

    private static final double SIMPLIFY_TOLERANCE = 0.5;

    private final GeometryFactory geometry = new GeometryFactory();

    /** Whether the tile owns an instance with this centroid (tile pixel coordinates): its core holds it. */
    public static boolean owns(TileWindow window, double centroidX, double centroidY) {
        return window.inCore(window.toLevel0X(centroidX), window.toLevel0Y(centroidY));
    }

    public List<Nucleus> keep(TileWindow window, List<TileInstance> instances) {
        List<Nucleus> kept = new ArrayList<>();
        for (TileInstance instance : instances) {
            if (!owns(window, instance.centroidX(), instance.centroidY())) {
                continue;
            }
            double cx = window.toLevel0X(instance.centroidX());
            double cy = window.toLevel0Y(instance.centroidY());
            Polygon polygon = toLevel0(window, instance.ring());
            // Shape on the outline the exports carry (staircases straightened), so a disc is round.
            NucleusMeasurements measurements = NucleusMeasurements.of(
                    ShapeMeasures.of(polygon, instance.ring(), window.scale()), instance.intensity());
            kept.add(new Nucleus(polygon, cx, cy, polygon.getArea(), polygon.getLength(), instance.meanOd(), window.col(),
                    window.row(), measurements));
        }
        return kept;
    }

    /**
     * A pixel outline can touch itself where two parts of a nucleus meet at one corner; such a ring is
     * not a valid polygon, so it is repaired and its largest part kept.
     */
    private static Polygon valid(Polygon polygon) {
        if (polygon.isValid()) {
            return polygon;
        }
        Geometry fixed = GeometryFixer.fix(polygon);
        Polygon largest = polygon;
        double area = -1;
        for (int i = 0; i < fixed.getNumGeometries(); i++) {
            if (fixed.getGeometryN(i) instanceof Polygon p && p.getArea() > area) {
                largest = p;
                area = p.getArea();
            }
        }
        return largest;
    }

    /** Whether a closed pixel-corner ring (integer coordinates) passes through one of its vertices twice. */
    static boolean touchesItself(double[] ring) {
        int n = ring.length / 2 - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) ring[2 * i] << 32) | ((long) ring[2 * i + 1] & 0xffffffffL);
        }
        java.util.Arrays.sort(keys);
        for (int i = 1; i < n; i++) {
            if (keys[i] == keys[i - 1]) {
                return true;
            }
        }
        return false;
    }

    private Polygon toLevel0(TileWindow window, double[] ring) {
        Coordinate[] tile = new Coordinate[ring.length / 2];
        for (int i = 0; i < tile.length; i++) {
            tile[i] = new Coordinate(ring[2 * i], ring[2 * i + 1]);
        }
        Polygon created = geometry.createPolygon(tile);
        // Pixel-edge rings cross nowhere; they are invalid only where they touch themselves at a corner.
        Polygon raw = touchesItself(ring) ? valid(created) : created;
        DouglasPeuckerSimplifier simplifier = new DouglasPeuckerSimplifier(raw);
        simplifier.setDistanceTolerance(SIMPLIFY_TOLERANCE);
        simplifier.setEnsureValid(false);
        Geometry simple = simplifier.getResultGeometry();
        Polygon chosen = simple instanceof Polygon p && !p.isEmpty() && p.isValid() ? p : raw;
        Coordinate[] coords = chosen.getExteriorRing().getCoordinates();
        // The outer ring only: holes inside a nucleus outline are artefacts of thresholding.
        Coordinate[] level0 = new Coordinate[coords.length];
        for (int i = 0; i < coords.length; i++) {
            level0[i] = new Coordinate(window.toLevel0X(coords[i].x), window.toLevel0Y(coords[i].y));
        }
        return geometry.createPolygon(level0);
    }
}
