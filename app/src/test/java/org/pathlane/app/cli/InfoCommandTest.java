package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfoCommandTest {

    @TempDir
    Path dir;

    /** A 1200x800 glass image with a 600x400 stained block in the middle: a quarter is tissue. */
    private Path quarterTissuePng() throws Exception {
        BufferedImage image = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(242, 242, 240));
        g.fillRect(0, 0, 1200, 800);
        g.setColor(new Color(200, 90, 160));
        g.fillRect(300, 200, 600, 400);
        g.dispose();
        Path file = dir.resolve("block.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void describesAPlainImageAsText() throws Exception {
        Path png = quarterTissuePng();
        CliRun run = CliRun.of("info", png.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(png.toString())
                .contains("vendor       image (read by imageio)")
                .contains("size         1200 x 800 px")
                .contains("mpp          unknown")
                .containsPattern("\\n\\s+0\\s+1200\\s+800\\s+1\\s+-\\n")
                .contains("associated   none")
                .contains("tissue       25.0 % of the slide")
                .contains("level 0 assumed to be 0.5 µm/px");
    }

    @Test
    void jsonIsOneObjectWithTheSameFacts() throws Exception {
        CliRun run = CliRun.of("info", "--json", quarterTissuePng().toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("vendor").asText()).isEqualTo("image");
        assertThat(json.get("width").asLong()).isEqualTo(1200);
        assertThat(json.get("mppX").isNull()).isTrue();
        assertThat(json.get("levels")).hasSize(1);
        JsonNode tissue = json.get("tissue");
        assertThat(tissue.get("fraction").asDouble()).isCloseTo(0.25, within(0.01));
        // 512 px tiles over 1200x800 at 0.5 µm/px (assumed): 3 x 2; the block (x 300..900) misses column 2.
        assertThat(tissue.get("tiles").asInt()).isEqualTo(6);
        assertThat(tissue.get("tissueTiles").asInt()).isEqualTo(4);
        assertThat(tissue.get("mppAssumed").asBoolean()).isTrue();
    }

    @Test
    void unreadableInputIsOneLineNamingTheFileAndExitOne() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.svs"), "not a slide");
        for (Path bad : new Path[] {text, dir.resolve("missing.ndpi"), dir, Files.createFile(dir.resolve("e.svs"))}) {
            CliRun run = CliRun.of("info", bad.toString());
            assertThat(run.status()).as("status for %s", bad).isEqualTo(1);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("pathlane info: ").contains(bad.toString());
            assertThat(run.out()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "CMU-1-Small-Region.svs, aperio, 2220, 2967, 1",
        "CMU-1-Small-Region-generic.tiff, generic-tiff, 2220, 2967, 5",
        "tcga-cr-7395-01a-01-ts1.svs, aperio, 4443, 3567, 2",
        "test3-DAPI-2-387.ndpi, hamamatsu, 3968, 4864, 7",
    })
    void worksOnEverySharedSlide(String name, String vendor, long width, long height, int levels) throws Exception {
        String shared = System.getProperty("pathlane.shared.dir");
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "slides", name)),
                "shared slide " + name + " is absent; skipping");
        CliRun run = CliRun.of("info", "--json", Path.of(shared, "slides", name).toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("vendor").asText()).isEqualTo(vendor);
        assertThat(json.get("width").asLong()).isEqualTo(width);
        assertThat(json.get("height").asLong()).isEqualTo(height);
        assertThat(json.get("levels")).hasSize(levels);
        assertThat(json.get("tissue").get("fraction").asDouble()).isBetween(0.05, 0.95);
        assertThat(json.get("tissue").get("tissueTiles").asInt()).isPositive();
    }

    /**
     * The shared generic TIFF (tiled, JPEG, resolution in centimetres) with its resolution tags set to
     * 72 dpi, as image software leaves them: XResolution and YResolution of the first directory rewritten
     * in a copy to 2835/100 pixels per centimetre.
     */
    private Path seventyTwoDpiTiff() throws Exception {
        String shared = System.getProperty("pathlane.shared.dir");
        Path source = shared == null ? null : Path.of(shared, "slides", "CMU-1-Small-Region-generic.tiff");
        Assumptions.assumeTrue(source != null && Files.isRegularFile(source),
                "shared test slide CMU-1-Small-Region-generic.tiff not found (set pathlane.shared.dir)");
        Path copy = Files.copy(source, dir.resolve("72dpi.tiff"));
        try (var file = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(8);
            file.read(head, 0);
            java.nio.ByteOrder order = head.get(0) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
            long ifd = Integer.toUnsignedLong(head.order(order).getInt(4));
            java.nio.ByteBuffer count = java.nio.ByteBuffer.allocate(2).order(order);
            file.read(count, ifd);
            int patched = 0;
            for (int i = 0; i < Short.toUnsignedInt(count.getShort(0)); i++) {
                java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(12).order(order);
                file.read(entry, ifd + 2 + 12L * i);
                int tag = Short.toUnsignedInt(entry.getShort(0));
                if (tag == 282 || tag == 283) {
                    long at = Integer.toUnsignedLong(entry.getInt(8));
                    file.write(java.nio.ByteBuffer.allocate(8).order(order).putInt(2835).putInt(100).flip(), at);
                    patched++;
                }
            }
            assertThat(patched).as("X and Y resolution tags").isEqualTo(2);
        }
        return copy;
    }

    @Test
    void aSeventyTwoDpiTagShowsAsUnknownWithTheReason() throws Exception {
        Path tiff = seventyTwoDpiTiff();
        CliRun run = CliRun.of("info", tiff.toString());
        Assumptions.assumeTrue(run.status() == 0 || !run.err().contains("OpenSlide is not installed"),
                "OpenSlide is not installed (scripts/install-system-packages installs libopenslide0)");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("vendor       generic-tiff")
                .contains("mpp          unknown: its resolution tags say 352.")
                .contains("72 dpi")
                .contains("level 0 assumed to be 0.5 µm/px");
        JsonNode json = new ObjectMapper().readTree(CliRun.of("info", "--json", tiff.toString()).out());
        assertThat(json.get("mppX").isNull()).isTrue();
        assertThat(json.get("mppNote").asText()).contains("72 dpi");
    }
}
