package org.pathlane.app.viewer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.viewer.overlay.OverlayShape;

/**
 * Nucleus-like outlines (small ellipses, 10 points each) scattered over a slide's tissue, for the viewer
 * benchmark and demo, on the {@link ThumbnailTissue}; a slide without tissue gets them scattered
 * everywhere. Deterministic for a seed.
 */
public final class SyntheticNuclei {

    private static final int POINTS = 10;

    private SyntheticNuclei() {
    }

    public static List<OverlayShape> inTissue(SlideReader reader, int count, long seed) throws IOException {
        return inTissue(ThumbnailTissue.of(reader), reader.levels().get(0), count, seed);
    }

    public static List<OverlayShape> inTissue(ThumbnailTissue thumb, SlideLevel full, int count, long seed) {
        int w = thumb.width();
        int tissue = 0;
        int[] where = new int[thumb.tissuePixels()];
        for (int i = 0; i < thumb.mask().length; i++) {
            if (thumb.mask()[i]) {
                where[tissue++] = i;
            }
        }
        double ds = thumb.downsample();
        SplittableRandom random = new SplittableRandom(seed);
        List<OverlayShape> nuclei = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            double x;
            double y;
            if (tissue > 0) {
                int i = where[random.nextInt(tissue)];
                x = (i % w + random.nextDouble()) * ds;
                y = (i / w + random.nextDouble()) * ds;
            } else {
                x = random.nextDouble() * full.width();
                y = random.nextDouble() * full.height();
            }
            nuclei.add(ellipse(x, y, random));
        }
        return nuclei;
    }

    private static OverlayShape ellipse(double cx, double cy, SplittableRandom random) {
        double a = 4 + random.nextDouble() * 5;
        double b = a * (0.6 + random.nextDouble() * 0.4);
        double turn = random.nextDouble() * Math.PI;
        double cos = Math.cos(turn);
        double sin = Math.sin(turn);
        float[] xy = new float[2 * POINTS];
        for (int k = 0; k < POINTS; k++) {
            double t = 2 * Math.PI * k / POINTS;
            double ex = a * Math.cos(t);
            double ey = b * Math.sin(t);
            xy[2 * k] = (float) (cx + ex * cos - ey * sin);
            xy[2 * k + 1] = (float) (cy + ex * sin + ey * cos);
        }
        return OverlayShape.polygon(xy);
    }
}
