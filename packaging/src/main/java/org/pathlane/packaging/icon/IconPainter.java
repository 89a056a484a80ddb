package org.pathlane.packaging.icon;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * PathLane's icon, drawn in code so every size is rendered sharp and no stock art is shipped: a glass
 * slide with an H&amp;E-stained tissue section, crossed by three workflow lanes with their job nodes.
 * Drawn on a 512-unit canvas and scaled to the requested size.
 */
public final class IconPainter {

    private static final Color HEMATOXYLIN_DARK = new Color(0x2E, 0x1F, 0x5E);
    private static final Color HEMATOXYLIN = new Color(0x5B, 0x3F, 0x9C);
    private static final Color GLASS = new Color(0xF5, 0xF1, 0xF8);
    private static final Color LABEL = new Color(0xD8, 0xCB, 0xE8);
    private static final Color EOSIN = new Color(0xE8, 0x8F, 0xB4);
    private static final Color EOSIN_DEEP = new Color(0xC9, 0x5C, 0x8E);
    private static final Color NUCLEUS = new Color(0x4A, 0x2F, 0x86);
    private static final Color LANE = new Color(0x1F, 0xB5, 0xA8);

    private IconPainter() {
    }

    public static BufferedImage paint(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / 512.0, size / 512.0);
            background(g);
            slide(g);
            tissue(g);
            lanes(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void background(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, HEMATOXYLIN, 512, 512, HEMATOXYLIN_DARK));
        g.fill(new RoundRectangle2D.Double(16, 16, 480, 480, 112, 112));
    }

    private static void slide(Graphics2D g) {
        g.setColor(GLASS);
        g.fill(new RoundRectangle2D.Double(56, 150, 400, 212, 24, 24));
        g.setColor(LABEL);
        g.fill(new RoundRectangle2D.Double(72, 166, 88, 180, 12, 12));
    }

    /** A lobed tissue section with nuclei scattered from a fixed seed, so the icon is the same every build. */
    private static void tissue(Graphics2D g) {
        Path2D.Double section = new Path2D.Double();
        section.moveTo(190, 256);
        section.curveTo(190, 180, 270, 170, 320, 190);
        section.curveTo(380, 160, 436, 200, 428, 252);
        section.curveTo(440, 318, 370, 344, 318, 330);
        section.curveTo(262, 352, 190, 330, 190, 256);
        section.closePath();
        g.setPaint(new GradientPaint(190, 180, EOSIN, 430, 340, EOSIN_DEEP));
        g.fill(section);
        g.setColor(NUCLEUS);
        Random random = new Random(512);
        for (int i = 0; i < 40; i++) {
            double x = 200 + random.nextDouble() * 225;
            double y = 185 + random.nextDouble() * 150;
            if (section.contains(x, y)) {
                double r = 5 + random.nextDouble() * 4;
                g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            }
        }
    }

    /** Three lanes (branches) across the slide, each with job nodes; arrows are left to the eye. */
    private static void lanes(Graphics2D g) {
        g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int[] ys = {110, 256, 402};
        int[][] nodes = {{120, 300}, {200, 392}, {150, 250, 360}};
        for (int lane = 0; lane < ys.length; lane++) {
            int y = ys[lane];
            g.setColor(LANE);
            g.drawLine(64, y, 448, y);
            for (int x : nodes[lane]) {
                g.setColor(Color.WHITE);
                g.fill(new Ellipse2D.Double(x - 24, y - 24, 48, 48));
                g.setColor(LANE);
                g.fill(new Ellipse2D.Double(x - 15, y - 15, 30, 30));
            }
        }
    }
}
