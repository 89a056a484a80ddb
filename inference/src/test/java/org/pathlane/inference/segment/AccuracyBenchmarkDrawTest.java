package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The bench draws each nucleus's outline back into a label image before scoring it: an outline along
 * pixel edges must give back exactly its pixels, or every IoU the bench prints would be off.
 */
class AccuracyBenchmarkDrawTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Test
    void aPixelEdgeOutlineGivesBackExactlyThePixelsItEncloses() {
        int w = 12;
        int h = 10;
        // An L: columns 2..4 of rows 1..7, and columns 5..8 of rows 5..7 (pixel corners).
        Polygon l = polygon(2, 1, 5, 1, 5, 5, 9, 5, 9, 8, 2, 8, 2, 1);
        int[] labels = new int[w * h];

        AccuracyBenchmark.draw(labels, w, h, l, 3);

        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inL = (x >= 2 && x <= 4 && y >= 1 && y <= 7) || (x >= 5 && x <= 8 && y >= 5 && y <= 7);
                assertThat(labels[y * w + x]).as("pixel %d,%d", x, y).isEqualTo(inL ? 3 : 0);
            }
        }
    }

    @Test
    void anOutlineReachingPastTheImageIsCutAtItsBorder() {
        int[] labels = new int[4 * 4];

        AccuracyBenchmark.draw(labels, 4, 4, polygon(-3, -3, 2, -3, 2, 2, -3, 2, -3, -3), 1);

        assertThat(labels).containsExactly(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Polygon polygon(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        return GEOMETRY.createPolygon(c);
    }
}
