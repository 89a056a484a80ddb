package org.pathlane.inference.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathlane.inference.export.CellRecord;
import org.pathlane.inference.export.CsvExporter;
import org.pathlane.inference.export.GeoJsonExporter;
import org.pathlane.inference.export.OverlayRenderer;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.OnnxModel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;
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
    public interface TissueDetector {
        TissueMap detect(SlideReader slide) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Segmentation.class);

    private final SlideOpener opener;
    private final TissueDetector detector;

    public Segmentation(SlideOpener opener, TissueDetector detector) {
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
        try (OnnxModel model = OnnxModel.open(spec, request.device())) {
            return run(request, model, listener);
        }
    }

    /** Runs with a model already open (sessions are expensive to create: share them between runs). */
    public SegmentSummary run(SegmentRequest request, OnnxModel model, SegmentationListener listener)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Files.createDirectories(request.out());
        try (SlideReader slide = opener.open(request.slide())) {
            long tOpen = System.nanoTime();
            Plan plan = plan(request, model, slide);
            long tTissue = System.nanoTime();
            StageTimes times;
            SegmentSummary summary;
            try (Checkpoint checkpoint = Checkpoint.open(request.out(), plan.fingerprint(request, model, slide))) {
                SlideTileReader reader = new SlideTileReader(slide, plan.grid.scale());
                times = new SegmentationPipeline(new TileSegmenter(model), reader::read, request.batch())
                        .run(plan.tissueTiles, checkpoint, listener);
                long tExport = System.nanoTime();
                long cells = export(request.out(), plan, checkpoint);
                double exportSeconds = (System.nanoTime() - tExport) / 1e9;
                SlideLevel level0 = slide.levels().get(0);
                summary = new SegmentSummary(request.slide().toString(), level0.width(), level0.height(),
                        plan.mpp, plan.mppSource, model.spec().name(), model.spec().pixelSize(),
                        model.spec().pixelSizeSaid() ? "model" : "PathLane default (the model does not say)",
                        model.device(), model.deviceNote(), plan.grid.core(), plan.grid.halo(), request.batch(),
                        plan.grid.tileCount(), plan.tissueTiles.size(), plan.grid.tileCount() - plan.tissueTiles.size(),
                        cells, (tOpen - t0) / 1e9, (tTissue - tOpen) / 1e9, times.readSeconds(), times.inferSeconds(),
                        times.postSeconds(), times.writeSeconds() + exportSeconds, (System.nanoTime() - t0) / 1e9);
                summary.write(request.out().resolve("summary.json"));
                LOG.info("Segmented {}: {} nuclei in {} tissue tiles of {} ({} s)", request.slide(), cells,
                        plan.tissueTiles.size(), plan.grid.tileCount(), Math.round(summary.total()));
            }
            Checkpoint.delete(request.out());
            return summary;
        }
    }

    /** The tiles of a run and where its scale came from. */
    public record Plan(TileGrid grid, List<TileWindow> tissueTiles, TissueMap tissue, double mpp, String mppSource) {

        String fingerprint(SegmentRequest r, OnnxModel model, SlideReader slide) {
            return "{\"slide\":\"" + slide.id() + "\",\"model\":\"" + model.spec().weights() + "\",\"grid\":\"" + grid
                    + "\",\"tiles\":" + tissueTiles.size() + ",\"threshold\":" + r.tissueThreshold()
                    + ",\"useTissue\":" + r.useTissue() + "}";
        }
    }

    /** Finds the tissue tiles of a request: the same plan for the job, the command line and the benchmark. */
    public Plan plan(SegmentRequest request, OnnxModel model, SlideReader slide) throws IOException {
        ModelSpec spec = model.spec();
        double mpp;
        String mppSource;
        if (request.mpp().isPresent()) {
            mpp = request.mpp().getAsDouble();
            mppSource = "--mpp";
        } else if (slide.mppX().isPresent()) {
            mpp = slide.mppX().getAsDouble();
            mppSource = "slide";
        } else {
            mpp = spec.pixelSize();
            mppSource = "the slide does not say: assumed the model's pixel size";
            LOG.info("{} has no microns-per-pixel; assuming {} µm/px (the model's). Give --mpp to set it.",
                    request.slide(), mpp);
        }
        SlideLevel level0 = slide.levels().get(0);
        long[] region = request.region().orElse(new long[] {0, 0, level0.width(), level0.height()});
        if (region[0] + region[2] > level0.width() || region[1] + region[3] > level0.height()) {
            throw new IllegalArgumentException("region " + region[0] + "," + region[1] + "," + region[2] + "," + region[3]
                    + " reaches outside " + request.slide() + " (" + level0.width() + "×" + level0.height() + " px)");
        }
        double scale = SlideTileReader.snap(slide, spec.pixelSize() / mpp);
        TileGrid grid = TileGrid.of(region[0], region[1], region[2], region[3], scale, request.tile(), request.halo(),
                spec, model.fixedSize());
        if (grid.core() != Math.min(request.tile(), Math.max(grid.width(), grid.height()))) {
            LOG.info("{} takes {} px inputs only: tiles have a {} px core and a {} px halo", spec.name(), grid.size(),
                    grid.core(), grid.halo());
        }
        TissueMap tissue = detector.detect(slide);
        List<TileWindow> tiles = new ArrayList<>();
        for (TileWindow w : grid.windows()) {
            if (!request.useTissue()
                    || tissue.fraction(w.coreX(), w.coreY(), w.coreWidth(), w.coreHeight()) >= request.tissueThreshold()) {
                tiles.add(w);
            }
        }
        return new Plan(grid, tiles, tissue, mpp, mppSource);
    }

    /** Writes the exports from the checkpoint in grid order; returns the number of nuclei. */
    private static long export(Path out, Plan plan, Checkpoint checkpoint) throws IOException {
        TissueMap tissue = plan.tissue();
        OverlayRenderer overlay = new OverlayRenderer(tissue.thumbnail(), tissue.downsample());
        overlay.drawTissue(tissue.mask(), tissue.width(), tissue.height());
        long id = 0;
        double pixelArea = plan.mpp() * plan.mpp();
        try (GeoJsonExporter geojson = new GeoJsonExporter(out.resolve("cells.geojson"));
             CsvExporter csv = new CsvExporter(out.resolve("cells.csv"))) {
            for (TileWindow w : plan.tissueTiles()) {
                for (Nucleus n : checkpoint.read(w.col(), w.row())) {
                    CellRecord cell = new CellRecord(++id, n, n.areaPx() * pixelArea);
                    geojson.write(cell);
                    csv.write(cell);
                    overlay.drawNucleus(n);
                }
            }
        }
        OverlayRenderer.writeMask(tissue.mask(), tissue.width(), tissue.height(), out.resolve("tissue.png"));
        overlay.write(out.resolve("overlay.png"));
        return id;
    }
}
