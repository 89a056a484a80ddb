package org.pathlane.inference.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.model.ColourDeconvolution;
import org.pathlane.inference.model.Matrix3;
import org.pathlane.inference.postprocess.InstanceExtractor;
import org.pathlane.inference.postprocess.LabelImage;
import org.pathlane.inference.postprocess.TileInstance;

/** Intensity statistics of nuclei painted with known stain amounts (brightfield) or channel values (fluorescence). */
class IntensityMeasuresTest {

    private static final int SIZE = 64;

    /** An 8-bit RGB pixel holding hematoxylin {@code ch} and eosin {@code ce} of the given stain colours. */
    static int pixel(double[] h, double ch, double[] e, double ce) {
        int argb = 0xff000000;
        for (int c = 0; c < 3; c++) {
            double od = ch * h[c] + ce * e[c];
            int v = (int) Math.max(0, Math.min(255, Math.round(256 * Math.pow(10, -od) - 1)));
            argb |= v << (16 - 8 * c);
        }
        return argb;
    }

    /** One square nucleus 20 × 20 px; its left half painted {@code left}, its right half {@code right}. */
    private static List<TileInstance> measure(int left, int right, int[] shown, PixelChannels channels) {
        int[] labels = new int[SIZE * SIZE];
        int[] argb = new int[SIZE * SIZE];
        Arrays.fill(argb, 0xffffffff);
        for (int y = 20; y < 40; y++) {
            for (int x = 20; x < 40; x++) {
                labels[y * SIZE + x] = 1;
                argb[y * SIZE + x] = x < 30 ? left : right;
            }
        }
        return InstanceExtractor.extract(new LabelImage(labels, SIZE, SIZE, 1), shown == null ? argb : shown,
                new SlidePixels(argb, channels), (x, y) -> true);
    }

    @Test
    void hematoxylinAndEosinStatisticsOfAKnownPatch() {
        double[] h = ColourDeconvolution.hematoxylinStain();
        double[] e = ColourDeconvolution.eosinStain();
        TileInstance n = measure(pixel(h, 0.3, e, 0.25), pixel(h, 0.9, e, 0.25), null, PixelChannels.standardHE()).get(0);
        double[] v = n.intensity();

        assertThat(v).hasSize(8);
        // 8-bit pixels hold optical density to about 0.01 at these levels.
        assertThat(v[0]).as("hematoxylin mean").isCloseTo(0.6, within(0.02));
        assertThat(v[1]).as("hematoxylin std dev (half 0.3, half 0.9)").isCloseTo(0.3, within(0.02));
        assertThat(v[2]).as("hematoxylin min").isCloseTo(0.3, within(0.02));
        assertThat(v[3]).as("hematoxylin max").isCloseTo(0.9, within(0.02));
        assertThat(v[4]).as("eosin mean").isCloseTo(0.25, within(0.02));
        assertThat(v[5]).as("eosin std dev").isLessThan(0.02);
        assertThat(v[6]).as("eosin min").isCloseTo(0.25, within(0.02));
        assertThat(v[7]).as("eosin max").isCloseTo(0.25, within(0.02));
        assertThat(n.meanOd()).as("the first columns' mean OD is the hematoxylin mean").isEqualTo(v[0]);
    }

    @Test
    void theSlidesOwnStainVectorsMeasureItsStainsWhereTheStandardOnesDoNot() {
        double[] h = Matrix3.unit(new double[] {0.37, 0.74, 0.57});
        double[] e = Matrix3.unit(new double[] {0.12, 0.93, 0.35});
        int p = pixel(h, 0.7, e, 0.4);

        double own = measure(p, p, null, PixelChannels.brightfield(h, e)).get(0).intensity()[0];
        double standard = measure(p, p, null, PixelChannels.standardHE()).get(0).intensity()[0];

        assertThat(own).isCloseTo(0.7, within(0.02));
        assertThat(Math.abs(standard - 0.7)).as("standard vectors on a pink slide").isGreaterThan(0.1);
    }

    @Test
    void theStandardVectorsAreThoseOfTheColourDeconvolutionTheDefaultModelUses() {
        float[] w = PixelChannels.standardHE().weights();
        double[] legacy = ColourDeconvolution.hematoxylinWeights();
        for (int c = 0; c < 3; c++) {
            assertThat((double) w[c]).isCloseTo(legacy[c], within(1e-6));
        }
    }

    @Test
    void fluorescenceMeasuresTheNuclearChannelOfTheSlideNotTheRenderingTheModelSaw() {
        int dim = 0xff100a78;     // blue 120
        int bright = 0xff2014c8;  // blue 200
        int[] shown = new int[SIZE * SIZE];
        Arrays.fill(shown, 0xff5a3c96);
        TileInstance n = measure(dim, bright, shown, PixelChannels.fluorescence(2)).get(0);

        assertThat(n.intensity()).containsExactly(160.0, 40.0, 120.0, 200.0);
        assertThat(n.meanOd()).as("the first columns keep the hematoxylin of what the model saw")
                .isCloseTo(ColourDeconvolution.hematoxylin(0xff5a3c96), within(1e-6));
    }

    @Test
    void transparentPixelsAreGlass() {
        int[] labels = new int[SIZE * SIZE];
        int[] argb = new int[SIZE * SIZE];
        for (int i = 0; i < 100; i++) {
            labels[i] = 1;
            argb[i] = i < 50 ? 0x00000000 : 0xff000000;
        }
        double[] v = InstanceExtractor.extract(new LabelImage(labels, SIZE, SIZE, 1), argb,
                new SlidePixels(argb, PixelChannels.standardHE()), (x, y) -> true).get(0).intensity();

        assertThat(v[2]).as("hematoxylin min: the transparent half").isEqualTo(0.0);
        assertThat(v[3]).as("hematoxylin max: black").isPositive();
    }
}
