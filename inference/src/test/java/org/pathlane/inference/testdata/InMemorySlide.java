package org.pathlane.inference.testdata;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
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
}
