package org.pathlane.inference.stain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.model.ColourDeconvolution;

/** Scaling an image's optical density so its hematoxylin 99th percentile is the reference level. */
class HematoxylinLevelTest {

    @Test
    void aPaleImageIsDarkenedAndADarkOneLightenedToTheSameHematoxylinLevel() {
        for (int nucleus : new int[] {0xff9080c0, 0xff301860}) {
            int[] image = image(nucleus);

            HematoxylinLevel level = HematoxylinLevel.estimate(image);
            int[] scaled = level.apply(image.clone());

            assertThat(percentile99(scaled)).as("nucleus %08x", nucleus)
                    .isCloseTo(HematoxylinLevel.REFERENCE_P99, within(0.05));
        }
    }

    @Test
    void whiteStaysWhiteAndTransparentPixelsKeepTheirAlpha() {
        int[] image = image(0xff9080c0);
        image[0] = 0xffffffff;
        image[1] = 0x00808080;

        int[] scaled = HematoxylinLevel.estimate(image).apply(image.clone());

        assertThat(scaled[0]).isEqualTo(0xffffffff);
        assertThat(scaled[1] >>> 24).isZero();
    }

    @Test
    void glassAloneIsLeftAsItIs() {
        int[] glass = new int[1000];
        Arrays.fill(glass, 0xfff4f4f2);

        HematoxylinLevel level = HematoxylinLevel.estimate(glass);

        assertThat(level.factor()).isEqualTo(1.0);
        assertThat(level.description()).startsWith("none:");
        assertThat(level.apply(glass.clone())).containsExactly(glass);
    }

    /** 95 % pink stroma, 5 % nuclei of one colour. */
    private static int[] image(int nucleus) {
        int[] argb = new int[10_000];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = i % 20 == 0 ? nucleus : 0xffecbed7;
        }
        return argb;
    }

    private static double percentile99(int[] argb) {
        double[] h = new double[argb.length];
        for (int i = 0; i < argb.length; i++) {
            h[i] = ColourDeconvolution.hematoxylin(argb[i]);
        }
        Arrays.sort(h);
        return h[(int) Math.ceil(0.99 * h.length) - 1];
    }
}
