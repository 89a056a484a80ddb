package org.pathlane.inference.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The linear-time transform equals the brute-force definition, border rule included. */
class DistanceTransformTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 1.0})
    void squaredDistancesEqualBruteForce(double density) {
        Random random = new Random(Double.hashCode(density));
        int width = 37;
        int height = 23;
        PostprocessBuffers buffers = new PostprocessBuffers();
        buffers.ensure(width, height);
        for (int i = 0; i < width * height; i++) {
            buffers.mask[i] = random.nextDouble() < density;
        }
        int foreground = DistanceTransform.squared(width, height, buffers);

        int expectedForeground = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                expectedForeground += buffers.mask[i] ? 1 : 0;
                assertThat(buffers.distSq[i]).as("pixel %d,%d", x, y).isEqualTo(bruteForce(buffers.mask, width, height, x, y));
            }
        }
        assertThat(foreground).isEqualTo(expectedForeground);
    }

    @org.junit.jupiter.api.Test
    void deepForegroundRowsAndShallowOnesAgreeWithBruteForce() {
        // A block deeper than the direct search's window beside small specks: both row methods run.
        int width = 130;
        int height = 120;
        PostprocessBuffers buffers = new PostprocessBuffers();
        buffers.ensure(width, height);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean block = x >= 5 && x < 125 && y >= 2 && y < 112;
                buffers.mask[y * width + x] = block || random.nextDouble() < 0.3;
            }
        }
        DistanceTransform.squared(width, height, buffers);
        int deepest = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int expected = bruteForce(buffers.mask, width, height, x, y);
                deepest = Math.max(deepest, expected);
                assertThat(buffers.distSq[y * width + x]).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
        assertThat(deepest).isGreaterThan(DistanceTransform.MAX_WINDOW * DistanceTransform.MAX_WINDOW);
    }

    /** Squared distance to the nearest background pixel in the image; beyond the border is foreground. */
    private static int bruteForce(boolean[] mask, int width, int height, int x, int y) {
        if (!mask[y * width + x]) {
            return 0;
        }
        int far = width + height;
        int best = far * far;
        for (int yy = 0; yy < height; yy++) {
            for (int xx = 0; xx < width; xx++) {
                if (!mask[yy * width + xx]) {
                    best = Math.min(best, (xx - x) * (xx - x) + (yy - y) * (yy - y));
                }
            }
        }
        return best; // no background at all: width + height, squared, stands for "farther than the image"
    }
}
