package org.pathlane.inference.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.pathlane.inference.PathLaneVersion;
import org.pathlane.inference.export.ResultSet;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.measure.SlidePixels;
import org.pathlane.inference.model.ChannelChoice;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.Preprocessing;
import org.pathlane.inference.model.SlideNormalisation;
import org.pathlane.inference.model.Models;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;
import org.pathlane.inference.tiling.Tile;
import org.pathlane.inference.tiling.TileGrid;
import org.pathlane.inference.tiling.TileReader;
import org.pathlane.inference.tiling.TilingOptions;
import org.pathlane.inference.stain.FluorescenceRendering;
import org.pathlane.inference.stain.HematoxylinLevel;
import org.pathlane.inference.stain.StainNormaliser;
import org.pathlane.inference.stain.TileColours;
import org.pathlane.inference.tissue.TissueDetection;
import org.pathlane.inference.tissue.TissueDetector;
import org.pathlane.inference.tissue.TissueMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole segmentation run, the same for {@code pathlane segment} and the {@code segment} job: open the
 * slide, find tissue, tile at the model's pixel size, run the pipeline with a checkpoint, then write
 * {@code cells.geojson}, {@code cells.csv}, {@code tissue.png}, {@code overlay.png} and {@code summary.json}.
 */
public final class Segmentation {

    /** Opens a slide; a file that is not a slide fails naming it. */
    @FunctionalInterface
    public interface SlideOpener {
        SlideReader open(Path file) throws IOException;
    }

    /** Finds tissue on a thumbnail of the slide. */
    @FunctionalInterface
    public interface TissueFinder {
        TissueDetection detect(SlideReader slide) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Segmentation.class);

    private final SlideOpener opener;
    private final TissueFinder detector;

    public Segmentation(SlideOpener opener, TissueFinder detector) {
        this.opener = opener;
        this.detector = detector;
    }

    /** Opens a slide the way runs do. */
    public SlideReader openSlide(Path file) throws IOException {
        return opener.open(file);
    }

    /** Loads the request's model, runs, and closes the model. */
    public SegmentSummary run(SegmentRequest request, SegmentationListener listener) throws IOException, InterruptedException {
        ModelSpec spec = ModelLoader.load(request.model());
        try (SegmentationModel model = Models.open(spec, request.device(), SegmentationPipeline.inferenceCpuThreads(),
                request.engine())) {
            return run(request, model, listener);
        }
    }

    /** Runs with a model already open (sessions are expensive to create: share them between runs). */
    public SegmentSummary run(SegmentRequest request, SegmentationModel model, SegmentationListener listener)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(request.out());
        } catch (IOException e) {
            throw new IOException("cannot create the output folder " + request.out() + " (" + e.getClass().getSimpleName()
                    + "): choose a folder you can write to", e);
        }
        try (SlideReader slide = opener.open(request.slide())) {
            long tOpen = System.nanoTime();
            Plan plan = plan(request, model, slide);
            long tTissue = System.nanoTime();
            StageTimes times;
            SegmentSummary summary;
            try (ResultSet results = ResultSet.begin(request.out());
                 Checkpoint checkpoint = Checkpoint.open(request.out(), plan.fingerprint(request, model, slide));
                 OrderedExport export = new OrderedExport(request.out(), results, plan, request.useTissue())) {
                TileReader reader = new TileReader(slide, plan.grid);
                times = new SegmentationPipeline(plan.segmenter(model), pixels(reader, plan.stain()), request.batch())
                        .run(plan.tissueTiles, checkpoint, alsoTo(export, listener));
                long tExport = System.nanoTime();
                long cells = export.finish();
                Plausibility.Verdict verdict = export.verdict(model.spec().name());
                if (verdict.failure().isPresent()) {
                    // Not committed: the folder keeps its previous results; the checkpoint stays for a rerun.
                    throw new ImplausibleResultException(request.slide() + ": " + verdict.failure().get());
                }
                verdict.warnings().forEach(w -> LOG.warn("{}: {}", request.slide(), w));
                double exportSeconds = (System.nanoTime() - tExport) / 1e9;
                SlideLevel level0 = slide.levels().get(0);
                summary = new SegmentSummary(request.slide().toString(), level0.width(), level0.height(),
                        plan.mpp, plan.mppSource, model.spec().name(), model.spec().pixelSize(),
                        model.spec().pixelSizeSaid() ? "model" : "PathLane default (the model does not say)",
                        model.device(), model.deviceNote(), plan.grid.options().core(), plan.grid.options().halo(),
                        request.batch(), plan.grid.tiles().size(), plan.tissueTiles.size(), plan.grid.skipped(),
                        cells, plan.stain.description(), (tOpen - t0) / 1e9, (tTissue - tOpen) / 1e9, times.readSeconds(), times.inferSeconds(),
                        times.postSeconds(), times.writeSeconds() + exportSeconds, (System.nanoTime() - t0) / 1e9,
                        warnings(plan, model, verdict), provenance(request, model, slide, plan));
                summary.write(results.stage("summary.json"));
                results.commit();
                LOG.info("Segmented {}: {} nuclei in {} tissue tiles of {} ({} s)", request.slide(), cells,
                        plan.tissueTiles.size(), plan.grid.tiles().size(), Math.round(summary.total()));
            }
            Checkpoint.delete(request.out());
            return summary;
        }
    }

    /**
     * What {@code summary.json} records to reproduce the result: the build, the model as run (its weights'
     * digest, not just its name or path), the request's parameters exactly as given, and the slide by its
     * content fingerprint.
     */
    static Map<String, Object> provenance(SegmentRequest request, SegmentationModel model, SlideReader slide, Plan plan) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pathlane", PathLaneVersion.get());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", model.spec().name());
        m.put("source", request.model());
        m.put("description", model.spec().description().toString());
        m.put("weightsSha256", model.weightsDigest());
        m.put("postprocessing", postprocessing(model.spec()));
        p.put("model", m);
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("name", model.engine().id());
        engine.put("version", model.engineVersion());
        engine.put("device", model.device());
        p.put("engine", engine);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", request.model());
        parameters.put("engine", request.engine().id());
        parameters.put("device", request.device().name().toLowerCase(Locale.ROOT));
        parameters.put("tile", request.tile());
        parameters.put("halo", request.halo());
        parameters.put("batch", request.batch());
        parameters.put("region", request.region().map(r -> java.util.Arrays.stream(r).boxed().toList()).orElse(null));
        parameters.put("tissueThreshold", request.tissueThreshold());
        parameters.put("tissue", request.useTissue());
        parameters.put("mpp", request.mpp().isPresent() ? request.mpp().getAsDouble() : null);
        p.put("parameters", parameters);
        Map<String, Object> slideFacts = new LinkedHashMap<>();
        slideFacts.put("file", request.slide().toString());
        slideFacts.put("fingerprint", slide.id());
        p.put("slide", slideFacts);
        Map<String, Object> pixelSize = new LinkedHashMap<>();
        pixelSize.put("slideUm", plan.mpp());
        pixelSize.put("slideSource", plan.mppSource());
        pixelSize.put("modelUm", model.spec().pixelSize());
        pixelSize.put("modelSource", model.spec().pixelSizeSaid() ? "model" : "PathLane default (the model does not say)");
        pixelSize.put("scale", plan.grid().scale());
        p.put("pixelSize", pixelSize);
        p.put("stain", plan.stain().description());
        p.put("preprocessing", plan.preprocessing().stream().map(Preprocessing::description).toList());
        return p;
    }

    private static Map<String, Object> postprocessing(ModelSpec spec) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("outputKind", spec.outputKind().name().toLowerCase(Locale.ROOT));
        post.put("threshold", spec.post().threshold());
        post.put("minAreaUm2", spec.post().minAreaUm2());
        post.put("seedDistanceUm", spec.post().seedDistanceUm());
        post.put("version", POSTPROCESSING_VERSION);
        return post;
    }

    /** The plausibility warnings, and a warning when the slide is not the kind the model was made for. */
    private static List<String> warnings(Plan plan, SegmentationModel model, Plausibility.Verdict verdict) {
        List<String> warnings = new ArrayList<>();
        if (plan.stain() instanceof FluorescenceRendering && model.spec().channel() == ChannelChoice.RGB
                && !model.spec().description().startsWith(Path.of(ModelLoader.DEFAULT))) {
            warnings.add("a fluorescence slide, shown to " + model.spec().name() + " (an RGB model, made for brightfield)"
                    + " rendered as hematoxylin on glass: check the nuclei, or use a fluorescence nuclei model");
        }
        warnings.addAll(verdict.warnings());
        return warnings;
    }

    /**
     * Reads tile images as ARGB pixels for the pipeline, stain-normalised when the plan says so; the tiles
     * also keep the slide's own pixels, which the nuclei are measured on.
     */
    static SegmentationPipeline.TilePixels pixels(TileReader reader, TileColours stain) {
        PixelChannels channels = stain.measuredAs();
        return new SegmentationPipeline.TilePixels() {
            @Override
            public int[] read(TileWindow w) throws IOException {
                return stain.apply(slide(w));
            }

            @Override
            public TileSegmenter.Tile tile(TileWindow w) throws IOException {
                int[] slide = slide(w);
                return new TileSegmenter.Tile(w, stain.apply(slide.clone()), new SlidePixels(slide, channels));
            }

            private int[] slide(TileWindow w) throws IOException {
                return reader.readPixels(new Tile(w.col(), w.row(), (long) w.coreX(), (long) w.coreY(),
                        (long) w.coreWidth(), (long) w.coreHeight(), w.originX(), w.originY(), 1));
            }
        };
    }

    /**
     * Goes into every checkpoint's fingerprint: raise it when post-processing or stitching changes what a
     * tile yields, so a run never resumes on tiles the old code wrote.
     */
    static final int POSTPROCESSING_VERSION = 2;

    /**
     * The most a slide's own pixel size may be upsampled to the model's without the user saying so with
     * {@code --mpp}: beyond a few times the model sees interpolated blur, and the tile count grows with
     * the square (a 72 dpi tag taken at face value planned 36,885 tiles for a 300 × 250 image).
     */
    static final double MAX_UPSAMPLING = 4;

    /**
     * The tiles of a run and where its scale came from.
     *
     * @param tissueTiles the tiles to segment: tissue tiles, or every tile with {@code --no-tissue}
     */
    public record Plan(TileGrid grid, List<TileWindow> tissueTiles, TissueDetection tissue, double mpp, String mppSource,
            TileColours stain, List<Preprocessing> preprocessing) {

        /** The model's tile work with the preprocessing fitted to this slide. */
        public TileSegmenter segmenter(SegmentationModel model) {
            return new TileSegmenter(model, preprocessing);
        }

        String fingerprint(SegmentRequest r, SegmentationModel model, SlideReader slide) {
            return "{\"post\":" + POSTPROCESSING_VERSION + ",\"slide\":\"" + slide.id() + "\",\"model\":\""
                    + model.weightsDigest() + "\",\"scale\":"
                    + grid.scale() + ",\"options\":\"" + grid.options() + "\",\"tiles\":" + tissueTiles.size()
                    + ",\"region\":\"" + r.region().map(java.util.Arrays::toString).orElse("all")
                    + "\",\"stain\":\"" + stain.description() + "\",\"preprocessing\":\""
                    + preprocessing.stream().map(Preprocessing::description).toList() + "\"}";
        }

        /** Every tile of the grid, tissue or not, as stitching windows. */
        public List<TileWindow> allTiles() {
            return grid.tiles().stream().map(t -> ModelTiling.window(grid, t)).toList();
        }
    }

    /** Finds the tissue tiles of a request: the same plan for the job, the command line and the benchmark. */
    public Plan plan(SegmentRequest request, SegmentationModel model, SlideReader slide) throws IOException {
        ModelSpec spec = model.spec();
        double mpp;
        String mppSource;
        if (request.mpp().isPresent()) {
            mpp = request.mpp().getAsDouble();
            mppSource = "--mpp";
        } else if (slide.mppX().isPresent()) {
            mpp = slide.mppX().getAsDouble();
            mppSource = "slide";
            double upsampling = mpp / spec.pixelSize();
            if (upsampling > MAX_UPSAMPLING) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s says %.3g µm/px and %s was trained at %.3g µm/px: every tile would be upsampled %.1f times"
                                + " (more than %d), which makes up detail a model cannot use; if the slide's pixel size is"
                                + " wrong give the right one with --mpp, or give --mpp %.3g to run anyway",
                        request.slide(), mpp, spec.name(), spec.pixelSize(), upsampling, (int) MAX_UPSAMPLING, mpp));
            }
        } else {
            mpp = spec.pixelSize();
            String why = slide.mppNote().isEmpty() ? "the slide does not say" : "the slide's " + slide.mppNote();
            mppSource = why + ": assumed the model's pixel size, " + mpp + " µm/px (give --mpp to set it)";
            LOG.info("{}: {}", request.slide(), mppSource);
        }
        SlideLevel level0 = slide.levels().get(0);
        long[] region = request.region().orElse(new long[] {0, 0, level0.width(), level0.height()});
        if (region[0] + region[2] > level0.width() || region[1] + region[3] > level0.height()) {
            throw new IllegalArgumentException("region " + region[0] + "," + region[1] + "," + region[2] + "," + region[3]
                    + " reaches outside " + request.slide() + " (" + level0.width() + "×" + level0.height() + " px)");
        }
        TilingOptions options = ModelTiling.options(spec, model.fixedSize(), request.tile(), request.halo(),
                Math.max(region[2], region[3]), spec.pixelSize() / mpp, request.tissueThreshold());
        if (options.core() != request.tile()) {
            LOG.info("{}: tiles have a {} px core and a {} px halo ({} px inputs)", spec.name(), options.core(),
                    options.halo(), options.imageSize());
        }
        TissueDetection tissue = detector.detect(slide);
        TileGrid grid = TileGrid.plan(slide, options, mpp, request.useTissue() ? Optional.of(tissue.mask()) : Optional.empty(),
                region[0], region[1], region[2], region[3]);
        List<TileWindow> tiles = grid.tissueTiles().stream().map(t -> ModelTiling.window(grid, t)).toList();
        TileColours stain = stain(spec, tissue);
        // Rendering the thumbnail as the tiles look costs a pass over it: only for models with statistics to fit.
        List<Preprocessing> preprocessing = SlideNormalisation.needed(spec)
                ? SlideNormalisation.fit(spec, stain.apply(thumbnailPixels(tissue)), thumbnailTissue(tissue))
                : spec.preprocessing();
        return new Plan(grid, tiles, tissue, mpp, mppSource, stain, preprocessing);
    }

    /**
     * What the model's tiles look like for this slide, estimated on its tissue thumbnail: a fluorescence
     * slide rendered as brightfield (every model here reads brightfield colours or hematoxylin density),
     * a brightfield one stain-normalised when the model asks for it.
     */
    private static TileColours stain(ModelSpec spec, TissueDetection tissue) {
        boolean brightfield = TissueDetector.BRIGHTFIELD.equals(tissue.channel());
        if (!brightfield) {
            FluorescenceRendering rendering = FluorescenceRendering.estimate(thumbnailPixels(tissue), thumbnailTissue(tissue));
            LOG.info("{}", rendering.description());
            return rendering;
        }
        if (!spec.stainNormalised()) {
            return new StainNormaliser.Estimate(null, "none: the model does not ask for it");
        }
        StainNormaliser.Estimate estimate = tissue.glassless() ? null
                : StainNormaliser.estimate(thumbnailPixels(tissue), thumbnailTissue(tissue));
        if (estimate == null || !estimate.normalises() && tissue.mask().fraction() == 0) {
            // No glass, or no tissue apart from glass: an image cropped from inside tissue. Its stain colours
            // cannot be told from glass, but its hematoxylin concentration can be brought to the reference level.
            HematoxylinLevel level = HematoxylinLevel.estimate(thumbnailPixels(tissue));
            LOG.info("Stain normalisation: {}", level.description());
            return level;
        }
        LOG.info("Stain normalisation: {}", estimate.description());
        return estimate;
    }

    private static int[] thumbnailPixels(TissueDetection tissue) {
        java.awt.image.BufferedImage image = tissue.thumbnail().image();
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The tissue mask at the thumbnail's size. */
    private static boolean[] thumbnailTissue(TissueDetection tissue) {
        java.awt.image.BufferedImage image = tissue.thumbnail().image();
        int width = image.getWidth();
        int height = image.getHeight();
        TissueMask mask = tissue.mask();
        boolean[] isTissue = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                isTissue[y * width + x] = mask.isTissue(x * mask.width() / width, y * mask.height() / height);
            }
        }
        return isTissue;
    }

    /** The export first (it checks the tile), then the caller's listener. */
    private static SegmentationListener alsoTo(OrderedExport export, SegmentationListener listener) {
        return new SegmentationListener() {
            @Override
            public void tileDone(int col, int row, List<Nucleus> cells) {
                export.tileDone(col, row, cells);
                listener.tileDone(col, row, cells);
            }

            @Override
            public void progress(long done, long total) {
                listener.progress(done, total);
            }

            @Override
            public boolean cancelled() {
                return listener.cancelled();
            }
        };
    }
}
