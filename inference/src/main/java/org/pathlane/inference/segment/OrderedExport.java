package org.pathlane.inference.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.pathlane.inference.export.CellRecord;
import org.pathlane.inference.export.CsvExporter;
import org.pathlane.inference.export.GeoJsonExporter;
import org.pathlane.inference.export.Measurement;
import org.pathlane.inference.export.OverlayRenderer;
import org.pathlane.inference.export.ResultSet;
import org.pathlane.inference.slide.SlideThumbnail;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;

/**
 * Writes {@code cells.geojson}, {@code cells.csv} and the overlay while the run goes, instead of after it.
 * Tiles finish in any order; their nuclei are written in the grid order of the tissue tiles, numbered 1..n
 * in that order, so a resumed run writes the same files as an uninterrupted one. Tiles that finish early
 * wait here, as their nuclei only, until the tiles before them are written.
 * The files are staged in the run's {@link ResultSet} and put in place only when the caller commits it
 * (with {@code summary.json}): a cancelled, failed or killed run leaves the previous results as they were.
 */
final class OrderedExport implements SegmentationListener, AutoCloseable {

    private final Path out;
    private final ResultSet results;
    private final Segmentation.Plan plan;
    private final Map<Long, Integer> order = new HashMap<>();
    private final List<Nucleus>[] waiting;
    private final GeoJsonExporter geojson;
    private final CsvExporter csv;
    private final OverlayRenderer overlay;
    private final double mpp;
    private final Plausibility plausibility;
    private int next;
    private long cells;
    private boolean finished;

    @SuppressWarnings("unchecked")
    OrderedExport(Path out, ResultSet results, Segmentation.Plan plan, boolean tissueOnly) throws IOException {
        this.out = out;
        this.results = results;
        this.plan = plan;
        List<TileWindow> tiles = plan.tissueTiles();
        for (int i = 0; i < tiles.size(); i++) {
            order.put(key(tiles.get(i).col(), tiles.get(i).row()), i);
        }
        this.waiting = new List[tiles.size()];
        this.mpp = plan.mpp();
        List<Measurement> measurements = Measurement.of(plan.stain().measuredAs().kind());
        this.plausibility = new Plausibility(plan.mpp(), tissueOnly);
        SlideThumbnail thumbnail = plan.tissue().thumbnail();
        this.overlay = new OverlayRenderer(thumbnail.image(), thumbnail.downsampleX(), thumbnail.downsampleY());
        overlay.drawTissue(plan.tissue().mask());
        this.geojson = new GeoJsonExporter(results.stage("cells.geojson"), measurements);
        CsvExporter table;
        try {
            table = new CsvExporter(results.stage("cells.csv"), measurements);
        } catch (IOException e) {
            geojson.close();
            throw e;
        }
        this.csv = table;
    }

    /** A finished tile: written at once when every tile before it is, otherwise kept until they are. */
    @Override
    public synchronized void tileDone(int col, int row, List<Nucleus> nuclei) {
        Integer index = order.get(key(col, row));
        if (index == null) {
            throw new IllegalArgumentException("tile " + col + "," + row + " is not one of this run's tissue tiles");
        }
        waiting[index] = nuclei;
        try {
            while (next < waiting.length && waiting[next] != null) {
                TileWindow window = plan.tissueTiles().get(next);
                plausibility.tile(waiting[next].stream().mapToDouble(Nucleus::areaPx).toArray(),
                        (double) window.coreWidth() * window.coreHeight());
                for (Nucleus n : waiting[next]) {
                    CellRecord cell = new CellRecord(++cells, n, mpp);
                    geojson.write(cell);
                    csv.write(cell);
                    overlay.drawNucleus(n);
                }
                waiting[next++] = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write the results into " + out + ": " + e.getMessage(), e));
        }
    }

    /**
     * Closes the files and writes {@code tissue.png} and {@code overlay.png}, all staged for the commit.
     *
     * @return how many nuclei were written
     * @throws IllegalStateException when a tissue tile never finished
     */
    synchronized long finish() throws IOException {
        if (next < waiting.length) {
            throw new IllegalStateException("tile " + plan.tissueTiles().get(next).col() + ","
                    + plan.tissueTiles().get(next).row() + " of " + out + " never finished");
        }
        closeFiles();
        finished = true;
        ImageIO.write(plan.tissue().mask().toImage(), "png", results.stage("tissue.png").toFile());
        overlay.write(results.stage("overlay.png"));
        return cells;
    }

    /** Whether the nuclei written can be nuclei (call after {@link #finish()}). */
    Plausibility.Verdict verdict(String model) {
        return plausibility.verdict(plan.mppSource(), plan.mpp(), model);
    }

    /** After an unfinished run: closes the partial files (the result set that staged them deletes them). */
    @Override
    public synchronized void close() throws IOException {
        if (!finished) {
            closeFiles();
        }
    }

    /** Closes both files, the second even when the first fails (closing twice is harmless). */
    private void closeFiles() throws IOException {
        try {
            geojson.close();
        } finally {
            csv.close();
        }
    }

    private static long key(int col, int row) {
        return ((long) col << 32) | (row & 0xffffffffL);
    }
}
