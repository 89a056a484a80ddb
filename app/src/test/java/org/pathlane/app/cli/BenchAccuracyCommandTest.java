package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pathlane bench accuracy} on a folder of drawn images, and on folders it must refuse. */
class BenchAccuracyCommandTest {

    private static final int[][] DISCS = {{40, 40}, {120, 60}, {70, 130}};
    private static final int R = 9;

    @TempDir
    Path dir;

    @Test
    void printsOneLinePerImageThenTheSummaryAndTheAssumedPixelSize() throws IOException {
        drawnPair("one");
        drawnPair("two");

        CliRun run = CliRun.of("bench", "accuracy", "--data", dir.toString());

        assertThat(run.status()).as(run.err()).isZero();
        // Each painted disc is found where its mask is: the outlines land on the annotation's pixels.
        assertThat(run.out()).containsPattern("\\n\\S+ +\\S+ +\\S+ +\\S+ +3 +\\d+ +3  0\\.500  one\\n")
                .containsPattern("\\n\\S+ +\\S+ +\\S+ +\\S+ +3 +\\d+ +3  0\\.500  two\\n")
                .contains("assumed the model's pixel size, 0.5 µm/px")
                .containsPattern("\\nall +mean F1 \\S+ over 2 images \\| pooled: F1 ")
                .contains("(6 annotated, ")
                .containsPattern("\\ntrain +mean F1 \\S+ over 1 images")
                .containsPattern("\\nvalid +mean F1 \\S+ over 1 images");
    }

    @Test
    void aFolderWithoutPairsOrWithAnUnreadableLabelFileIsExitTwoWithOneLine() throws IOException {
        CliRun empty = CliRun.of("bench", "accuracy", "--data", dir.toString());
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err().strip().lines()).hasSize(1).first().asString().contains("holds no annotated images");

        drawnPair("good");
        Files.write(dir.resolve("bad.png"), new byte[] {1, 2, 3});
        Files.copy(dir.resolve("good_labels.png"), dir.resolve("bad_labels.png"));
        CliRun unreadable = CliRun.of("bench", "accuracy", "--data", dir.toString());
        assertThat(unreadable.status()).isEqualTo(2);
        assertThat(unreadable.err().strip().lines()).hasSize(1).first().asString().contains("bad.png");
    }

    /** Purple discs on pink, and a 16-bit mask giving each disc its own id. */
    private void drawnPair(String name) throws IOException {
        BufferedImage image = new BufferedImage(192, 176, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(236, 190, 215));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(55, 30, 115));
        BufferedImage labels = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < DISCS.length; i++) {
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int dx = x - DISCS[i][0];
                    int dy = y - DISCS[i][1];
                    if (dx * dx + dy * dy <= R * R) {
                        image.setRGB(x, y, g.getColor().getRGB());
                        labels.getRaster().setSample(x, y, 0, i + 1);
                    }
                }
            }
        }
        g.dispose();
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
        ImageIO.write(labels, "png", dir.resolve(name + "_labels.png").toFile());
    }
}
