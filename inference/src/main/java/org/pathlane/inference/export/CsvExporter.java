package org.pathlane.inference.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Streams nuclei into {@code cells.csv}: one row per nucleus, the same ids as the GeoJSON. */
public final class CsvExporter implements AutoCloseable {

    public static final String HEADER = "id,centroid_x,centroid_y,area_px,area_um2,perimeter_px,mean_od,tile_col,tile_row";

    private final BufferedWriter out;

    public CsvExporter(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    public void write(CellRecord cell) throws IOException {
        var n = cell.nucleus();
        out.write(String.format(Locale.ROOT, "%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,%d,%d%n", cell.id(), n.centroidX(),
                n.centroidY(), n.areaPx(), cell.areaUm2(), n.perimeter(), n.meanOd(), n.col(), n.row()));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
