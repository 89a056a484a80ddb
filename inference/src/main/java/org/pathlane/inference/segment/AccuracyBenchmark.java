package org.pathlane.inference.segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.accuracy.AnnotatedFolder;
import org.pathlane.inference.accuracy.InstanceMatching;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;
import org.pathlane.inference.tiling.TileReader;

/**
 * Segments each image of an {@link AnnotatedFolder} as the product would segment a slide region holding
 * the whole image (the same plan: pixel size, stain handling, tiles with their halo, stitching; tissue
 * detection only for the stain estimate: every tile is segmented), draws the nuclei's outlines back into
 * a label image of the annotation's size, and scores it with {@link InstanceMatching}.
 */
public final class AccuracyBenchmark {

    /**
     * One image's figures.
     *
     * @param mppNote        where the pixel size came from (the image's own, {@code --mpp}, or the assumption)
     * @param annotatedPixels pixels of annotated nuclei: with the count, their mean size, which tells whether
     *                        the pixel size assumed is plausible
     */
    public record ImageResult(String name, int width, int height, double mpp, String mppNote,
            InstanceMatching.Score score, long annotatedPixels) {
    }

    private AccuracyBenchmark() {
    }

    /**
     * Scores every image of the folder, in name order, handing each result on as it is done.
     *
     * @param mpp microns per pixel of the images, or empty to take each image's own (or, when it has none,
     *            the model's pixel size, as {@code segment} does)
     * @throws IOException naming the file when an image or its labels cannot be read
     */
    public static List<ImageResult> run(Segmentation segmentation, SegmentationModel model, List<AnnotatedFolder.Item> items,
            OptionalDouble mpp, Consumer<ImageResult> each) throws IOException, InterruptedException {
        List<ImageResult> results = new ArrayList<>(items.size());
        for (AnnotatedFolder.Item item : items) {
            AnnotatedFolder.Labels truth = AnnotatedFolder.readLabels(item.labels());
            Segmented predicted = segment(segmentation, model, item.image(), mpp);
            if (predicted.width != truth.width() || predicted.height != truth.height()) {
                throw new IOException(item.labels() + " is " + truth.width() + "×" + truth.height() + " px but "
                        + item.image() + " is " + predicted.width + "×" + predicted.height + ": they must be the same size");
            }
            ImageResult result = new ImageResult(item.name(), truth.width(), truth.height(), predicted.mpp,
                    predicted.mppNote, InstanceMatching.score(truth.ids(), predicted.labels), foreground(truth.ids()));
            results.add(result);
            each.accept(result);
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped after " + results.size() + " of " + items.size() + " images");
            }
        }
        return results;
    }

    private static long foreground(int[] ids) {
        long n = 0;
        for (int id : ids) {
            n += id != 0 ? 1 : 0;
        }
        return n;
    }

    private record Segmented(int[] labels, int width, int height, double mpp, String mppNote) {
    }

    /** The nuclei of the whole image as a label image of its level-0 size (ids in stitching order). */
    private static Segmented segment(Segmentation segmentation, SegmentationModel model, Path image, OptionalDouble mpp)
            throws IOException, InterruptedException {
        SegmentRequest request = new SegmentRequest(image, Path.of("."), model.spec().name(), Device.AUTO, WHOLE_IMAGE,
                SegmentRequest.DEFAULT_HALO, 1, Optional.empty(), SegmentRequest.DEFAULT_TISSUE_THRESHOLD, false, mpp);
        try (SlideReader slide = segmentation.openSlide(image)) {
            Segmentation.Plan plan = segmentation.plan(request, model, slide);
            SegmentationPipeline.TilePixels reader = Segmentation.pixels(new TileReader(slide, plan.grid()), plan.stain());
            TileSegmenter segmenter = plan.segmenter(model);
            SlideLevel level0 = slide.levels().get(0);
            int width = (int) level0.width();
            int height = (int) level0.height();
            int[] labels = new int[width * height];
            int next = 0;
            for (TileWindow w : plan.tissueTiles()) {
                TileSegmenter.Tile tile = segmenter.prepare(new TileSegmenter.Tile(w, reader.read(w)));
                for (Nucleus n : segmenter.postProcess(segmenter.infer(List.of(tile)).get(0))) {
                    draw(labels, width, height, n.polygon(), ++next);
                }
            }
            return new Segmented(labels, width, height, plan.mpp(), plan.mppSource());
        }
    }

    /**
     * The largest core a request takes: annotated crops fit in one tile where the model allows; a larger image
     * is tiled and stitched as slides are.
     */
    private static final int WHOLE_IMAGE = SegmentRequest.MAX_TILE;

    /**
     * Gives {@code id} to the pixels whose centre lies inside the outline. The outlines run along pixel
     * edges, so at the model's own pixel size this gives back exactly the pixels the model labelled.
     */
    static void draw(int[] labels, int width, int height, Polygon polygon, int id) {
        Envelope e = polygon.getEnvelopeInternal();
        int x0 = Math.max(0, (int) Math.floor(e.getMinX()));
        int x1 = Math.min(width - 1, (int) Math.ceil(e.getMaxX()));
        int y0 = Math.max(0, (int) Math.floor(e.getMinY()));
        int y1 = Math.min(height - 1, (int) Math.ceil(e.getMaxY()));
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        for (int y = y0; y <= y1; y++) {
            double cy = y + 0.5;
            for (int x = x0; x <= x1; x++) {
                if (inside(ring, x + 0.5, cy)) {
                    labels[y * width + x] = id;
                }
            }
        }
    }

    /** Even-odd crossing test of a closed ring. */
    private static boolean inside(Coordinate[] ring, double x, double y) {
        boolean in = false;
        for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            double yi = ring[i].y;
            double yj = ring[j].y;
            if ((yi > y) != (yj > y)) {
                double xCross = ring[i].x + (y - yi) * (ring[j].x - ring[i].x) / (yj - yi);
                if (x < xCross) {
                    in = !in;
                }
            }
        }
        return in;
    }
}
