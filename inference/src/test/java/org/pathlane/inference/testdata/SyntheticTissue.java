package org.pathlane.inference.testdata;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic H&amp;E-like images: pink stroma with hematoxylin-purple discs at known places. */
public final class SyntheticTissue {

    public static final Color STROMA = new Color(236, 190, 215);
    public static final Color NUCLEUS = new Color(55, 30, 115);

    /** A disc drawn into an image. */
    public record Disc(double x, double y, double radius) {
        public double area() {
            return Math.PI * radius * radius;
        }
    }

    private SyntheticTissue() {
    }

    /** Non-overlapping discs of radius 5–9 px, at least 6 px apart, on a {@code width × height} stroma. */
    public static List<Disc> randomDiscs(long seed, int width, int height, int count) {
        Random random = new Random(seed);
        List<Disc> discs = new ArrayList<>();
        int attempts = 0;
        while (discs.size() < count && attempts++ < count * 200) {
            double r = 5 + random.nextDouble() * 4;
            double x = r + 4 + random.nextDouble() * (width - 2 * r - 8);
            double y = r + 4 + random.nextDouble() * (height - 2 * r - 8);
            boolean free = discs.stream().allMatch(d -> Math.hypot(d.x - x, d.y - y) > d.radius + r + 6);
            if (free) {
                discs.add(new Disc(x, y, r));
            }
        }
        return discs;
    }

    /** A synthetic slide: glass, a band of stroma on the left {@code tissueWidth} pixels, discs only in the stroma. */
    public record Slide(BufferedImage image, List<Disc> discs) {
    }

    public static Slide slide(long seed, int width, int height, int tissueWidth, int discCount) {
        List<Disc> discs = randomDiscs(seed, tissueWidth, height, discCount);
        BufferedImage image = paint(width, height, discs);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(tissueWidth, 0, width - tissueWidth, height);
        g.dispose();
        return new Slide(image, discs);
    }

    public static BufferedImage paint(int width, int height, List<Disc> discs) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(STROMA);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(NUCLEUS);
        for (Disc d : discs) {
            g.fill(new Ellipse2D.Double(d.x - d.radius, d.y - d.radius, 2 * d.radius, 2 * d.radius));
        }
        g.dispose();
        return image;
    }
}
