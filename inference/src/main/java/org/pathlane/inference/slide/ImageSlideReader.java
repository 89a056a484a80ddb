package org.pathlane.inference.slide;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A plain PNG, JPEG or non-pyramidal TIFF (anything ImageIO decodes) as a one-level slide of vendor
 * {@code image}. The first image of the file is decoded once at open and kept in memory, so reads are
 * array copies and safe from any thread. Images above {@link #MAX_PIXELS} are refused with advice to
 * convert them to a pyramidal TIFF.
 */
public final class ImageSlideReader extends MetadataSlideReader {

    public static final String VENDOR = "image";
    /** 100 megapixels: 400 MB of ARGB in memory. Larger scans belong in a pyramidal format. */
    public static final long MAX_PIXELS = 100_000_000L;

    private final BufferedImage image;
    private final int[] pixels;

    private ImageSlideReader(Path path, String id, BufferedImage image, String format) {
        super(new SlideMetadata(path, id, VENDOR,
                List.of(new SlideLevel(image.getWidth(), image.getHeight(), 1.0, 0, 0)),
                Map.of("image.format", format,
                        "image.width", Integer.toString(image.getWidth()),
                        "image.height", Integer.toString(image.getHeight())),
                Set.of(), OptionalDouble.empty(), OptionalDouble.empty(), ""));
        this.image = image;
        this.pixels = SlideImages.pixels(image);
    }

    /** True when some ImageIO reader recognises the file's content. */
    static boolean canDecode(Path path) {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Decodes {@code path}.
     *
     * @throws UnreadableSlideException naming the file when no reader handles it, it is damaged or too large
     */
    static ImageSlideReader open(Path path, String id) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UnreadableSlideException(path, "not an image format PathLane can read"
                        + " (use PNG, JPEG, TIFF or a whole-slide format OpenSlide supports)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new UnreadableSlideException(path, "a plain " + width + "x" + height
                            + " image is too large to hold in memory; convert it to a tiled pyramidal TIFF"
                            + " (e.g. vips tiffsave IN OUT.tif --tile --pyramid --compression jpeg)");
                }
                BufferedImage decoded = reader.read(0);
                BufferedImage argb = SlideImages.newArgb(decoded.getWidth(), decoded.getHeight());
                java.awt.Graphics2D g = argb.createGraphics();
                try {
                    g.drawImage(decoded, 0, 0, null);
                } finally {
                    g.dispose();
                }
                return new ImageSlideReader(path, id, argb, reader.getFormatName().toLowerCase(java.util.Locale.ROOT));
            } finally {
                reader.dispose();
            }
        } catch (UnreadableSlideException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSlideException(path, "the image cannot be decoded (" + e.getMessage()
                    + "); the file is probably damaged or incomplete", e);
        }
    }

    @Override
    public BufferedImage readAssociatedImage(String name) throws IOException {
        throw new IOException(path() + " is a plain image and has no associated image '" + name + "'");
    }

    @Override
    public BufferedImage readRegion(int level, long x, long y, int w, int h) {
        if (level != 0) {
            throw new IllegalArgumentException(path() + " is a plain image with level 0 only, not " + level);
        }
        if (w <= 0 || h <= 0 || (long) w * h > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot read a " + w + "x" + h + " region of " + path());
        }
        BufferedImage out = SlideImages.newArgb(w, h);
        int[] dst = SlideImages.pixels(out);
        int width = image.getWidth();
        long x0 = Math.max(x, 0);
        long y0 = Math.max(y, 0);
        long x1 = Math.min(x + w, width);
        long y1 = Math.min(y + h, image.getHeight());
        for (long row = y0; row < y1 && x0 < x1; row++) {
            System.arraycopy(pixels, (int) (row * width + x0), dst, (int) ((row - y) * w + (x0 - x)), (int) (x1 - x0));
        }
        return out;
    }

    @Override
    public void close() {
        // Nothing native to release: the pixels are on the Java heap.
    }
}
