package org.pathlane.inference.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders the accuracy bench accepts, and reading 16-bit label masks as the shared data stores them. */
class AnnotatedFolderTest {

    @TempDir
    Path dir;

    @Test
    void pairsAreListedInNameOrderAndSixteenBitIdsReadBackAsWritten() throws IOException {
        image("b");
        labels("b", 2, 2, 1, 0, 40000, 7);
        image("a");
        labels("a", 2, 2, 0, 0, 0, 1);
        Files.writeString(dir.resolve("notes.txt"), "not an image");

        var items = AnnotatedFolder.list(dir);

        assertThat(items).extracting(AnnotatedFolder.Item::name).containsExactly("a", "b");
        AnnotatedFolder.Labels b = AnnotatedFolder.readLabels(items.get(1).labels());
        assertThat(b.ids()).containsExactly(1, 0, 40000, 7);
        assertThat(b.width()).isEqualTo(2);
    }

    @Test
    void aFolderWithoutPairsAnImageWithoutLabelsAndLabelsWithoutAnImageAreRefusedNamingTheFile() throws IOException {
        assertThatThrownBy(() -> AnnotatedFolder.list(dir)).hasMessageContaining("holds no annotated images");
        assertThatThrownBy(() -> AnnotatedFolder.list(dir.resolve("missing"))).hasMessageContaining("is not a folder");

        image("lonely");
        assertThatThrownBy(() -> AnnotatedFolder.list(dir)).hasMessageContaining("lonely.png has no lonely_labels.png");
        Files.delete(dir.resolve("lonely.png"));
        labels("orphan", 1, 1, 1);
        assertThatThrownBy(() -> AnnotatedFolder.list(dir)).hasMessageContaining("orphan_labels.png has no image");
    }

    @Test
    void anUnreadableOrColourLabelFileIsRefusedNamingIt() throws IOException {
        Path broken = dir.resolve("x_labels.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> AnnotatedFolder.readLabels(broken)).hasMessageContaining(broken.toString());

        Path colour = dir.resolve("c_labels.png");
        ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", colour.toFile());
        assertThatThrownBy(() -> AnnotatedFolder.readLabels(colour)).hasMessageContaining("must be one channel");
    }

    private void image(String name) throws IOException {
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(name + ".png").toFile());
    }

    private void labels(String name, int w, int h, int... ids) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, w, h, 0, ids);
        ImageIO.write(image, "png", dir.resolve(name + AnnotatedFolder.LABELS_SUFFIX).toFile());
    }
}
