package org.pathlane.inference.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.model.OutputKind;
import org.pathlane.inference.model.PostprocessParams;

/** Threshold, distance transform and watershed on hand-drawn foreground. */
class InstanceSegmenterTest {

    private static final int SIZE = 64;
    /** 1 µm pixels: minimum area 10 px, seeds at least 4 px apart. */
    private final InstanceSegmenter segmenter =
            new InstanceSegmenter(OutputKind.PROBABILITY, new PostprocessParams(0.5, 10.0, 4.0), 1.0);

    @Test
    void twoOverlappingDiscsBecomeTwoNucleiAndNoPixelIsLost() {
        float[] output = new float[SIZE * SIZE];
        disc(output, 20, 32, 10);
        disc(output, 36, 32, 10);

        LabelImage image = segmenter.segment(output, SIZE, SIZE, new PostprocessBuffers());

        assertThat(image.count()).isEqualTo(2);
        int[] area = areas(image);
        assertThat(area[1] + area[2]).isEqualTo(foreground(output));
        assertThat(area[1]).isCloseTo(area[2], org.assertj.core.data.Offset.offset(area[1] / 10));
        // The cut runs between the two centres.
        assertThat(image.labels()[32 * SIZE + 20]).isNotEqualTo(image.labels()[32 * SIZE + 36]);
    }

    @Test
    void aSmallNucleusBesideALargeOneIsKeptThoughItHasNoSeedOfItsOwn() {
        float[] output = new float[SIZE * SIZE];
        square(output, 4, 4, 30);   // depth up to 15 px
        rectangle(output, 35, 10, 2, 8); // 1 px gap; 1 px deep, within 4 px of the square's 2 px deep pixels

        LabelImage image = segmenter.segment(output, SIZE, SIZE, new PostprocessBuffers());

        assertThat(image.count()).isEqualTo(2);
        assertThat(areas(image)).containsExactly(SIZE * SIZE - 916, 900, 16);
    }

    @Test
    void specksBelowTheMinimumAreaAreDroppedAndBackgroundGivesNothing() {
        float[] output = new float[SIZE * SIZE];
        square(output, 10, 10, 3);
        PostprocessBuffers buffers = new PostprocessBuffers();

        assertThat(segmenter.segment(output, SIZE, SIZE, buffers).count()).isZero();
        assertThat(segmenter.segment(new float[SIZE * SIZE], SIZE, SIZE, buffers).count()).isZero();
    }

    @Test
    void buffersReusedForASmallerTileGiveTheSameResultAsFreshOnes() {
        float[] big = new float[SIZE * SIZE];
        disc(big, 32, 32, 20);
        PostprocessBuffers reused = new PostprocessBuffers();
        segmenter.segment(big, SIZE, SIZE, reused);

        int small = 40;
        float[] output = new float[small * small];
        disc(output, 12, 20, 8);
        disc(output, 26, 20, 8);
        LabelImage again = segmenter.segment(output, small, small, reused);
        int[] labels = java.util.Arrays.copyOf(again.labels(), small * small);
        LabelImage fresh = segmenter.segment(output, small, small, new PostprocessBuffers());

        assertThat(again.count()).isEqualTo(2).isEqualTo(fresh.count());
        assertThat(labels).isEqualTo(java.util.Arrays.copyOf(fresh.labels(), small * small));
        List<TileInstance> instances = InstanceExtractor.extract(fresh, new int[small * small], (x, y) -> x < 20);
        assertThat(instances).singleElement().satisfies(i -> assertThat(i.centroidX()).isLessThan(20));
    }

    private static void disc(float[] output, int cx, int cy, int r) {
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int w = (int) Math.sqrt(output.length);
                if (x < w && y < w && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    output[y * w + x] = 0.9f;
                }
            }
        }
    }

    private static void square(float[] output, int x0, int y0, int side) {
        rectangle(output, x0, y0, side, side);
    }

    private static void rectangle(float[] output, int x0, int y0, int width, int height) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                output[y * SIZE + x] = 0.9f;
            }
        }
    }

    private static int foreground(float[] output) {
        int n = 0;
        for (float v : output) {
            n += v > 0.5f ? 1 : 0;
        }
        return n;
    }

    private static int[] areas(LabelImage image) {
        int[] area = new int[image.count() + 1];
        for (int i = 0; i < image.width() * image.height(); i++) {
            area[image.labels()[i]]++;
        }
        return area;
    }
}
