package org.pathlane.inference.testdata;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.pathlane.inference.segment.TissueMap;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;

/** A one-level slide held in memory, for tests that need no slide file. */
public final class InMemorySlide implements SlideReader {

    private final BufferedImage image;
    private final Path path;
    private final OptionalDouble mpp;

    public InMemorySlide(BufferedImage image, String name, OptionalDouble mpp) {
        this.image = image;
        this.path = Path.of(name);
        this.mpp = mpp;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String id() {
        return path + "-" + image.getWidth() + "x" + image.getHeight();
    }

    @Override
    public String vendor() {
        return "memory";
    }

    @Override
    public List<SlideLevel> levels() {
        return List.of(new SlideLevel(image.getWidth(), image.getHeight(), 1, 0, 0));
    }

    @Override
    public OptionalDouble mppX() {
        return mpp;
    }

    @Override
    public OptionalDouble mppY() {
        return mpp;
    }

    @Override
    public Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public Set<String> associatedImageNames() {
        return Set.of();
    }

    @Override
    public BufferedImage readAssociatedImage(String name) throws java.io.IOException {
        throw new java.io.IOException("no associated image " + name);
    }

    @Override
    public BufferedImage readRegion(int level, long x, long y, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, (int) -x, (int) -y, null);
        g.dispose();
        return out;
    }

    @Override
    public void close() {
    }

    /** Tissue = pixels darker than glass, on an 8× downsampled thumbnail. */
    public static TissueMap tissue(SlideReader slide) {
        SlideLevel l0 = slide.levels().get(0);
        int ds = 8;
        int w = (int) Math.ceil(l0.width() / (double) ds);
        int h = (int) Math.ceil(l0.height() / (double) ds);
        BufferedImage full;
        try {
            full = slide.readRegion(0, 0, 0, (int) l0.width(), (int) l0.height());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = thumb.createGraphics();
        g.drawImage(full, 0, 0, w, h, null);
        g.dispose();
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = thumb.getRGB(x, y);
                int min = Math.min((p >> 16) & 0xff, Math.min((p >> 8) & 0xff, p & 0xff));
                mask[y * w + x] = (p >>> 24) != 0 && min < 245;
            }
        }
        return new TissueMap(thumb, mask, w, h, ds);
    }
}
