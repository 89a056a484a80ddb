package org.pathlane.inference.accuracy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of annotated images: {@code <name>.png} (the image) beside {@code <name>_labels.png} (a
 * single-channel 8- or 16-bit label mask, 0 background, each nucleus its own id), as in
 * {@code shared/nuclei}. A folder with no pairs, an image without labels or labels without an image is
 * refused naming the file: a figure silently taken over fewer images than the folder holds would mislead.
 */
public final class AnnotatedFolder {

    public static final String LABELS_SUFFIX = "_labels.png";

    /** One annotated image. */
    public record Item(String name, Path image, Path labels) {
    }

    /** A label mask as read: row-major ids. */
    public record Labels(int[] ids, int width, int height) {
    }

    private AnnotatedFolder() {
    }

    /**
     * The pairs of {@code dir} in name order.
     *
     * @throws IOException naming the folder or file when it is not such a folder
     */
    public static List<Item> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder: give a folder of <name>.png images and <name>"
                    + LABELS_SUFFIX + " masks");
        }
        TreeSet<String> images = new TreeSet<>();
        TreeSet<String> labels = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !file.toLowerCase(Locale.ROOT).endsWith(".png")) {
                    continue;
                }
                if (file.endsWith(LABELS_SUFFIX)) {
                    labels.add(file.substring(0, file.length() - LABELS_SUFFIX.length()));
                } else {
                    images.add(file.substring(0, file.length() - ".png".length()));
                }
            }
        }
        for (String name : images) {
            if (!labels.contains(name)) {
                throw new IOException(dir.resolve(name + ".png") + " has no " + name + LABELS_SUFFIX
                        + " beside it: add its labels or move it out of the folder");
            }
        }
        for (String name : labels) {
            if (!images.contains(name)) {
                throw new IOException(dir.resolve(name + LABELS_SUFFIX) + " has no image " + name
                        + ".png beside it: add the image or move the labels out of the folder");
            }
        }
        if (images.isEmpty()) {
            throw new IOException(dir + " holds no annotated images (<name>.png with <name>" + LABELS_SUFFIX + ")");
        }
        List<Item> items = new ArrayList<>(images.size());
        for (String name : images) {
            items.add(new Item(name, dir.resolve(name + ".png"), dir.resolve(name + LABELS_SUFFIX)));
        }
        return items;
    }

    /**
     * Reads a label mask.
     *
     * @throws IOException naming the file when it is unreadable or not a single-channel image
     */
    public static Labels readLabels(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": unreadable label image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new IOException(file + ": not a PNG ImageIO can decode");
        }
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            throw new IOException(file + ": a label mask must be one channel (8- or 16-bit grey), this has "
                    + raster.getNumBands());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        return new Labels(raster.getSamples(0, 0, w, h, 0, new int[w * h]), w, h);
    }
}
