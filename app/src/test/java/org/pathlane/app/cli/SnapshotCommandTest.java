package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pathlane snapshot} renders through the viewer and, at zoom 1, gives the slide's own pixels. */
class SnapshotCommandTest {

    @TempDir
    Path dir;

    @Test
    void atZoomOneThePixelsAreThoseOfTheImage() throws IOException {
        // A plain image is a one-level slide: no shared data needed for this one.
        BufferedImage slide = new BufferedImage(1500, 1100, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < slide.getHeight(); y++) {
            for (int x = 0; x < slide.getWidth(); x++) {
                slide.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        Path file = dir.resolve("noise.png");
        ImageIO.write(slide, "png", file.toFile());
        Path out = dir.resolve("snap.png");

        CliRun run = CliRun.of("snapshot", "--slide", file.toString(), "--out", out.toString(),
                "--center", "700,500", "--zoom", "1", "--size", "640x480");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("640x480");
        BufferedImage png = ImageIO.read(out.toFile());
        assertThat(png.getWidth()).isEqualTo(640);
        assertThat(png.getHeight()).isEqualTo(480);
        assertThat(differingPixels(png, slide.getSubimage(380, 260, 640, 480))).isZero();
    }

    @ParameterizedTest(name = "{0} at {1},{2}")
    @CsvSource({
        "CMU-1-Small-Region.svs, 1100, 1500",
        "CMU-1-Small-Region-generic.tiff, 300, 2800",
        "tcga-cr-7395-01a-01-ts1.svs, 2200, 1700",
        "test3-DAPI-2-387.ndpi, 2000, 2400",
    })
    void atZoomOneThePixelsEqualOpenSlideWritePng(String name, int cx, int cy) throws Exception {
        Path slide = sharedSlide(name);
        Path expected = dir.resolve("expected.png");
        // The view is 512 × 384 around (cx, cy): level-0 pixels cx-256 … cx+255, cy-192 … cy+191.
        Process tool = new ProcessBuilder("openslide-write-png", slide.toString(),
                Integer.toString(cx - 256), Integer.toString(cy - 192), "0", "512", "384", expected.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(tool.waitFor(60, TimeUnit.SECONDS) && tool.exitValue() == 0,
                "openslide-write-png (Debian openslide-tools) is needed to compare with OpenSlide");
        Path out = dir.resolve("snap.png");

        CliRun run = CliRun.of("snapshot", "--slide", slide.toString(), "--out", out.toString(),
                "--center", cx + "," + cy, "--zoom", "1", "--size", "512x384");

        assertThat(run.status()).as(run.err()).isZero();
        BufferedImage want = ImageIO.read(expected.toFile());
        BufferedImage got = ImageIO.read(out.toFile());
        assertThat(differingPixels(got, want)).isZero();
    }

    @Test
    void fitsTheWholeSlideByDefaultAndDrawsTheScaleBar() throws Exception {
        Path slide = sharedSlide("CMU-1-Small-Region.svs");
        Path out = dir.resolve("fit.png");
        CliRun run = CliRun.of("snapshot", "--slide", slide.toString(), "--out", out.toString(), "--size", "400x400", "--scale-bar");
        assertThat(run.status()).as(run.err()).isZero();
        BufferedImage png = ImageIO.read(out.toFile());
        // 2220 × 2967 fitted into 400 × 400: the slide spans the full height and 299 px of the width,
        // so the glass colour shows in 50 px margins at the sides; the scale bar sits bottom-left.
        assertThat(png.getRGB(200, 5) & 0xffffff).isNotEqualTo(0x282828);
        assertThat(png.getRGB(50 + 3, 200) & 0xffffff).isNotEqualTo(0x282828);
        assertThat(png.getRGB(50 - 3, 200) & 0xffffff).isEqualTo(0x282828);
        assertThat(png.getRGB(400 - 50 - 3, 200) & 0xffffff).isNotEqualTo(0x282828);
        assertThat(png.getRGB(400 - 50 + 3, 200) & 0xffffff).isEqualTo(0x282828);
        assertThat(png.getRGB(20, 400 - 12) & 0xffffff).as("the scale bar's black bar").isEqualTo(0);
    }

    @Test
    void badArgumentsAndFilesAreOneClearLine() throws IOException {
        Path png = dir.resolve("tiny.png");
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Path out = dir.resolve("o.png");

        CliRun size = CliRun.of("snapshot", "--slide", png.toString(), "--out", out.toString(), "--size", "0x5");
        assertThat(size.status()).isEqualTo(2);
        assertThat(size.err()).contains("--size").contains("0x5");

        CliRun centre = CliRun.of("snapshot", "--slide", png.toString(), "--out", out.toString(), "--center", "a,b");
        assertThat(centre.status()).isEqualTo(2);
        assertThat(centre.err()).contains("--center");

        CliRun missing = CliRun.of("snapshot", "--slide", dir.resolve("nope.svs").toString(), "--out", out.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.svs").doesNotContain("Exception");

        Path broken = dir.resolve("cells.geojson");
        Files.writeString(broken, "{\"type\": \"FeatureCollection\", \"features\": [ {\"geometry\": ");
        CliRun overlay = CliRun.of("snapshot", "--slide", png.toString(), "--out", out.toString(), "--overlay", broken.toString());
        assertThat(overlay.status()).isEqualTo(1);
        assertThat(overlay.err()).contains("cells.geojson");
        assertThat(out).doesNotExist();
    }

    @Test
    void drawsTheOverlayOutlines() throws IOException {
        BufferedImage white = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        Path slide = dir.resolve("white.png");
        ImageIO.write(white, "png", slide.toFile());
        Path cells = dir.resolve("cells.geojson");
        Files.writeString(cells, """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"objectType": "detection"},
                   "geometry": {"type": "Polygon", "coordinates": [[[100, 100], [200, 100], [200, 200], [100, 200], [100, 100]]]}}
                ]}""");
        Path out = dir.resolve("o.png");
        CliRun run = CliRun.of("snapshot", "--slide", slide.toString(), "--out", out.toString(), "--overlay", cells.toString(),
                "--zoom", "1", "--size", "400x300");
        assertThat(run.status()).as(run.err()).isZero();
        BufferedImage png = ImageIO.read(out.toFile());
        int edge = png.getRGB(100, 150);
        assertThat((edge >> 16) & 0xff).as("red of the outline's pixel").isLessThan(160);
        assertThat((edge >> 8) & 0xff).as("green of the outline's pixel").isGreaterThan(200);
        assertThat(png.getRGB(150, 150) & 0xffffff).as("inside the outline the slide shows").isEqualTo(0xffffff);
    }

    static Path sharedSlide(String name) {
        String shared = System.getProperty("pathlane.shared.dir");
        Path slide = shared == null ? null : Path.of(shared, "slides", name);
        Assumptions.assumeTrue(slide != null && Files.isRegularFile(slide),
                "shared test slide " + name + " not found under -Dpathlane.shared.dir (" + shared + "/slides)");
        return slide;
    }

    /** Pixels whose colour differs, over the pixels the reference has fully opaque. */
    static long differingPixels(BufferedImage got, BufferedImage want) {
        assertThat(got.getWidth()).isEqualTo(want.getWidth());
        assertThat(got.getHeight()).isEqualTo(want.getHeight());
        long differing = 0;
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                int w = want.getRGB(x, y);
                if (w >>> 24 == 0xff && (w & 0xffffff) != (got.getRGB(x, y) & 0xffffff)) {
                    differing++;
                }
            }
        }
        return differing;
    }
}
