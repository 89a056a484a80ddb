package org.pathlane.inference.segment;

import java.util.ArrayList;
import java.util.List;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.measure.SlidePixels;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.Preprocessing;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.model.TensorPacker;
import org.pathlane.inference.postprocess.InstanceExtractor;
import org.pathlane.inference.postprocess.InstanceSegmenter;
import org.pathlane.inference.postprocess.LabelImage;
import org.pathlane.inference.postprocess.PostprocessBuffers;
import org.pathlane.inference.postprocess.TileInstance;
import org.pathlane.inference.stitch.CoreStitcher;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;

/**
 * The per-tile work of segmentation, in two stages the pipeline runs on different threads: inference on
 * a batch of tiles, then post-processing and stitching of one tile. Thread-safe.
 */
public final class TileSegmenter {

    /**
     * A tile's pixels as the model sees them; once {@linkplain #prepare prepared}, the model's input for it;
     * after inference, the model's output for it; and the slide's own pixels, which nuclei are measured on.
     */
    public record Tile(TileWindow window, int[] argb, float[] input, float[] output, SlidePixels slide) {

        /** A tile just read, measured as it is with the standard H&amp;E stain vectors. */
        public Tile(TileWindow window, int[] argb) {
            this(window, argb, new SlidePixels(argb, PixelChannels.standardHE()));
        }

        /** A tile just read, the model's pixels and the slide's. */
        public Tile(TileWindow window, int[] argb, SlidePixels slide) {
            this(window, argb, null, null, slide);
        }
    }

    private final SegmentationModel model;
    private final TensorPacker packer;
    private final InstanceSegmenter segmenter;
    private final CoreStitcher stitcher = new CoreStitcher();
    /** Post-processing scratch arrays: one set per post-processing thread, reused tile after tile. */
    private static final ThreadLocal<PostprocessBuffers> BUFFERS = ThreadLocal.withInitial(PostprocessBuffers::new);

    public TileSegmenter(SegmentationModel model) {
        this(model, model.spec().preprocessing());
    }

    /** @param preprocessing the description's steps, as fitted to the slide ({@code SlideNormalisation}) */
    public TileSegmenter(SegmentationModel model, List<Preprocessing> preprocessing) {
        this.model = model;
        ModelSpec spec = model.spec();
        this.packer = new TensorPacker(spec, preprocessing);
        this.segmenter = new InstanceSegmenter(spec.outputKind(), spec.post(), spec.pixelSize());
    }

    public SegmentationModel model() {
        return model;
    }

    /**
     * Packs a tile into the model's input (channels, preprocessing): work the pipeline does beside
     * reading, so the inference thread only feeds the model.
     */
    public Tile prepare(Tile tile) {
        return new Tile(tile.window(), tile.argb(), packer.pack(tile.argb(), tile.window().size()), null, tile.slide());
    }

    /**
     * Runs the model on tiles of equal size: as one N×C×H×W batch when the model's batch axis is dynamic,
     * otherwise one call per tile (fixed-batch models).
     */
    public List<Tile> infer(List<Tile> tiles) {
        int size = tiles.get(0).window().size();
        int channels = model.spec().channels();
        int pixels = size * size;
        List<Tile> out = new ArrayList<>(tiles.size());
        if (model.fixedBatch() == 0) {
            List<float[]> samples = new ArrayList<>(tiles.size());
            for (Tile tile : tiles) {
                samples.add(input(tile));
            }
            float[] result = model.run(samples, tiles.size(), size);
            for (int i = 0; i < tiles.size(); i++) {
                float[] one = new float[pixels];
                System.arraycopy(result, i * pixels, one, 0, pixels);
                out.add(new Tile(tiles.get(i).window(), tiles.get(i).argb(), null, one, tiles.get(i).slide()));
            }
            return out;
        }
        int per = model.fixedBatch();
        for (Tile tile : tiles) {
            float[] batch = new float[per * channels * pixels];
            float[] input = input(tile);
            for (int i = 0; i < per; i++) {
                System.arraycopy(input, 0, batch, i * channels * pixels, channels * pixels);
            }
            float[] result = model.run(batch, per, size);
            float[] one = new float[pixels];
            System.arraycopy(result, 0, one, 0, pixels);
            out.add(new Tile(tile.window(), tile.argb(), null, one, tile.slide()));
        }
        return out;
    }

    private float[] input(Tile tile) {
        return tile.input() != null ? tile.input() : packer.pack(tile.argb(), tile.window().size());
    }

    /** Instances of one inferred tile whose centroid lies in its core, in level-0 coordinates. */
    public List<Nucleus> postProcess(Tile tile) {
        int size = tile.window().size();
        TileWindow window = tile.window();
        LabelImage labels = segmenter.segment(tile.output(), size, size, BUFFERS.get());
        List<TileInstance> instances = InstanceExtractor.extract(labels, tile.argb(), tile.slide(),
                (x, y) -> CoreStitcher.owns(window, x, y));
        return stitcher.keep(window, instances);
    }
}
