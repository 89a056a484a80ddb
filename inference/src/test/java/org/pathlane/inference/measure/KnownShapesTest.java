package org.pathlane.inference.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.postprocess.InstanceExtractor;
import org.pathlane.inference.postprocess.LabelImage;
import org.pathlane.inference.stitch.CoreStitcher;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;

/**
 * Shape measurements of label masks with known answers, through the path a tile takes: the extractor
 * traces the pixels, the stitcher straightens the outline and measures it.
 */
class KnownShapesTest {

    private static final int SIZE = 120;

    /** A label image holding one instance: the pixels whose centres the predicate accepts. */
    private static LabelImage mask(PixelTest inside) {
        int[] labels = new int[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                labels[y * SIZE + x] = inside.test(x + 0.5, y + 0.5) ? 1 : 0;
            }
        }
        return new LabelImage(labels, SIZE, SIZE, 1);
    }

    @FunctionalInterface
    private interface PixelTest {
        boolean test(double x, double y);
    }

    /** The one nucleus of a mask, in a tile at the slide's origin with level-0 pixels. */
    private static Nucleus measure(LabelImage labels) {
        int[] argb = new int[SIZE * SIZE];
        java.util.Arrays.fill(argb, 0xff5a3c96);
        TileWindow window = new TileWindow(0, 0, 0, 0, 1.0, SIZE, 0, 0, SIZE, SIZE);
        List<Nucleus> found = new CoreStitcher().keep(window, InstanceExtractor.extract(labels, argb, (x, y) -> true));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void aDiscIsRoundWithBothAxesAndTheCaliperItsDiameter() {
        double r = 20;
        NucleusMeasurements m = measure(mask((x, y) -> Math.hypot(x - 60, y - 60) <= r)).measurements();

        assertThat(m.circularity()).as("circularity").isGreaterThan(0.97).isLessThanOrEqualTo(1.0);
        assertThat(m.perimeter()).as("perimeter").isCloseTo(2 * Math.PI * r, within(2 * Math.PI * r * 0.03));
        assertThat(m.eccentricity()).as("eccentricity").isLessThan(0.05);
        assertThat(m.solidity()).as("solidity").isGreaterThan(0.98);
        assertThat(m.majorAxis()).as("major axis").isCloseTo(2 * r, within(0.6));
        assertThat(m.minorAxis()).as("minor axis").isCloseTo(2 * r, within(0.6));
        // On the exported outline, whose pixel corners reach half a pixel beyond the disc through their centres.
        assertThat(m.maxCaliper()).as("max caliper").isCloseTo(2 * r, within(1.5));
    }

    @Test
    void anAxisAlignedRectangleHasTheEquivalentEllipseOfItsMoments() {
        // 30 × 10 px: variance a²/12 along each side, so an axis is 4·√(a²/12) = 2a/√3.
        NucleusMeasurements m = measure(mask((x, y) -> x >= 20 && x < 50 && y >= 40 && y < 50)).measurements();

        // Exactly 0.589 for sharp corners; the smoothed boundary rounds them a little.
        assertThat(m.circularity()).isCloseTo(4 * Math.PI * 300 / (80.0 * 80.0), within(0.06));
        assertThat(m.solidity()).isCloseTo(1.0, within(1e-9));
        assertThat(m.maxCaliper()).as("the diagonal").isCloseTo(Math.sqrt(30 * 30 + 10 * 10), within(1e-9));
        assertThat(m.majorAxis()).isCloseTo(2 * 30 / Math.sqrt(3), within(1e-9));
        assertThat(m.minorAxis()).isCloseTo(2 * 10 / Math.sqrt(3), within(1e-9));
        assertThat(m.eccentricity()).isCloseTo(Math.sqrt(1 - 1.0 / 9), within(1e-9));
    }

    @Test
    void aTiltedEllipseHasItsAxesAndEccentricityAndItsMajorAxisAsCaliper() {
        double a = 24;
        double b = 12;
        double angle = Math.toRadians(30);
        NucleusMeasurements m = measure(mask((x, y) -> {
            double u = (x - 60) * Math.cos(angle) + (y - 60) * Math.sin(angle);
            double v = -(x - 60) * Math.sin(angle) + (y - 60) * Math.cos(angle);
            return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
        })).measurements();

        assertThat(m.majorAxis()).isCloseTo(2 * a, within(0.8));
        assertThat(m.minorAxis()).isCloseTo(2 * b, within(0.8));
        assertThat(m.eccentricity()).isCloseTo(Math.sqrt(1 - (b * b) / (a * a)), within(0.02));
        assertThat(m.maxCaliper()).isCloseTo(2 * a, within(1.0));
        assertThat(m.solidity()).isGreaterThan(0.97);
        assertThat(m.circularity()).as("less round than a disc").isBetween(0.7, 0.9);
    }

    @Test
    void smallDiscsAreRoundToo() {
        for (double r : new double[] {3, 4, 6, 10}) {
            NucleusMeasurements m = measure(mask((x, y) -> Math.hypot(x - 60, y - 60) <= r)).measurements();
            assertThat(m.circularity()).as("circularity of a disc of radius %s px", r).isGreaterThan(0.95);
            assertThat(m.eccentricity()).as("eccentricity of a disc of radius %s px", r).isLessThan(0.2);
        }
    }

    @Test
    void aCrescentIsNotSolid() {
        NucleusMeasurements m = measure(mask((x, y) -> Math.hypot(x - 60, y - 60) <= 25
                && Math.hypot(x - 75, y - 60) > 20)).measurements();

        assertThat(m.solidity()).isLessThan(0.7);
        assertThat(m.circularity()).isLessThan(0.6);
    }

    @Test
    void shapeIsTheSameWhereverTheNucleusLiesOnALargeSlide() {
        // Level-0 coordinates of 10⁵ px: moments are taken relative to the outline, so nothing is lost.
        LabelImage labels = mask((x, y) -> x >= 20 && x < 50 && y >= 40 && y < 50);
        int[] argb = new int[SIZE * SIZE];
        TileWindow far = new TileWindow(0, 0, 123_456.0, 98_765.0, 1.0, SIZE, 123_456.0, 98_765.0, SIZE, SIZE);
        NucleusMeasurements m = new CoreStitcher().keep(far, InstanceExtractor.extract(labels, argb, (x, y) -> true))
                .get(0).measurements();

        assertThat(m.majorAxis()).isCloseTo(2 * 30 / Math.sqrt(3), within(1e-6));
        assertThat(m.minorAxis()).isCloseTo(2 * 10 / Math.sqrt(3), within(1e-6));
    }
}
