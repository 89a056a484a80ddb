package org.pathlane.inference.slide;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Test slides made in pure Java: tiled, lossless (Deflate), multi-page pyramidal TIFFs that OpenSlide
 * reads as {@code generic-tiff}, and the shared real slides when present.
 */
public final class SyntheticSlides {

    private SyntheticSlides() {
    }

    /** The shared slides folder, or a skipped test saying why. */
    public static Path sharedSlide(String name) {
        String dir = System.getProperty("pathlane.shared.dir");
        Assumptions.assumeTrue(dir != null, "pathlane.shared.dir is not set: run through Maven to use the shared slides");
        Path file = Path.of(dir, "slides", name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared slide " + file + " is absent; skipping");
        return file;
    }

    /** Skips the test when OpenSlide is not installed. */
    public static void assumeOpenSlide() {
        Assumptions.assumeTrue(OpenSlideLibrary.isAvailable(), "OpenSlide is not installed: apt-get install libopenslide0");
    }

    /** An opaque RGB test pattern with sharp, position-dependent pixels (so offsets show up). */
    public static BufferedImage pattern(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 7 + y) & 0xff;
                int g = (y * 5 + x / 3) & 0xff;
                int b = random.nextInt(256);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** Glass (near-white) with pink-purple "tissue" blobs, like an H&E slide seen from afar. */
    public static BufferedImage tissueLike(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(243, 243, 243));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        g.setColor(new Color(222, 140, 190));
        g.fillOval(width / 8, height / 8, width / 3, height / 3);
        g.fillRect(width / 2, height / 2, width / 3, height / 4);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(90 + random.nextInt(40), 50 + random.nextInt(30), 150 + random.nextInt(40)));
            int x = width / 8 + random.nextInt(Math.max(1, width / 3));
            int y = height / 8 + random.nextInt(Math.max(1, height / 3));
            g.fillOval(x, y, 6, 6);
        }
        g.dispose();
        return image;
    }

    /** A plain near-white slide: glass only. */
    public static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = 240 + random.nextInt(6);
                image.setRGB(x, y, (v << 16) | (v << 8) | (v - 1));
            }
        }
        return image;
    }

    /** Halves an image (box filter) the way a pyramid level is made. */
    public static BufferedImage half(BufferedImage image) {
        int w = Math.max(1, image.getWidth() / 2);
        int h = Math.max(1, image.getHeight() / 2);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = image.getRGB(2 * x + (k & 1), 2 * y + (k >> 1));
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                }
                out.setRGB(x, y, ((r / 4) << 16) | ((g / 4) << 8) | (b / 4));
            }
        }
        return out;
    }

    /** The levels written by {@link #writePyramid}: level 0 first, each half the previous. */
    public static List<BufferedImage> pyramid(BufferedImage level0, int levels) {
        List<BufferedImage> out = new ArrayList<>();
        out.add(level0);
        for (int i = 1; i < levels; i++) {
            out.add(half(out.get(i - 1)));
        }
        return out;
    }

    /** Writes a tiled (tile×tile), lossless, little-endian TIFF pyramid that OpenSlide reads as generic-tiff. */
    public static Path writePyramid(Path file, List<BufferedImage> levels, int tile) throws IOException {
        return new TiffPyramidWriter(tile).write(file, levels);
    }

    /** Like {@link #writePyramid} with an Aperio header, so OpenSlide reports vendor aperio and this mpp. */
    public static Path writeAperio(Path file, List<BufferedImage> levels, int tile, double mpp) throws IOException {
        BufferedImage base = levels.get(0);
        String header = "Aperio Image Library (PathLane test)\r\n" + base.getWidth() + "x" + base.getHeight()
                + " (" + tile + "x" + tile + ") RAW|AppMag = 20|MPP = " + mpp;
        return new TiffPyramidWriter(tile).description(header).write(file, levels);
    }

    /** Writes a plain image file (png, jpg, tiff) and returns it. */
    public static Path writeImage(Path file, BufferedImage image, String format) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    /** The first {@code bytes / 2} bytes of {@code source}, written to {@code target}. */
    public static Path truncatedCopy(Path source, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return target;
    }

    /** A command-line tool on the PATH, e.g. {@code openslide-write-png} or {@code gcc}, when installed. */
    public static Optional<Path> tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path tool = Path.of(dir, name);
            if (Files.isExecutable(tool)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }
}
