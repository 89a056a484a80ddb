package org.pathlane.app.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Synthetic H&amp;E-like PNG slides for command-line and job tests: stroma with dark nuclei, glass beside it. */
public final class SegmentTestSlides {

    private SegmentTestSlides() {
    }

    /** Writes a {@code width × height} PNG: stroma on the left two thirds with {@code nuclei} dark discs, glass right. */
    public static Path write(Path file, int width, int height, int nuclei, long seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int tissue = width * 2 / 3;
        g.setColor(new Color(236, 190, 215));
        g.fillRect(0, 0, tissue, height);
        g.setColor(new Color(55, 30, 115));
        Random random = new Random(seed);
        for (int i = 0; i < nuclei; i++) {
            int r = 5 + random.nextInt(4);
            g.fillOval(10 + random.nextInt(tissue - 20 - 2 * r), 10 + random.nextInt(height - 20 - 2 * r), 2 * r, 2 * r);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
