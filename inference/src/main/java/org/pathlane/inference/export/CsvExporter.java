package org.pathlane.inference.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pathlane.inference.measure.PixelChannels;

/**
 * Streams nuclei into {@code cells.csv}: one row per nucleus, the same ids as the GeoJSON. The first columns
 * are the ones every version wrote ({@link #HEADER}); the measurements follow, each under its
 * {@link Measurement#csvColumn()} (the ones already among the first columns, {@code area_um2}, stay there).
 * A value that was not measured is an empty field.
 */
public final class CsvExporter implements AutoCloseable {

    /** The columns before the measurements, in this order since the first version. */
    public static final String HEADER = "id,centroid_x,centroid_y,area_px,area_um2,perimeter_px,mean_od,tile_col,tile_row";

    private final BufferedWriter out;
    private final List<Measurement> appended;
    private final StringBuilder row = new StringBuilder(256);
    private final char[] scratch = new char[Decimals.MAX_CHARS];

    /** A table with the brightfield measurements. */
    public CsvExporter(Path file) throws IOException {
        this(file, Measurement.of(PixelChannels.Kind.BRIGHTFIELD));
    }

    /** A table with these measurements after the first columns. */
    public CsvExporter(Path file, List<Measurement> measurements) throws IOException {
        this.appended = appended(measurements);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(header(measurements));
        out.write('\n');
    }

    /** The header line for these measurements (without the line end). */
    public static String header(List<Measurement> measurements) {
        StringBuilder h = new StringBuilder(HEADER);
        for (Measurement m : appended(measurements)) {
            h.append(',').append(m.csvColumn());
        }
        return h.toString();
    }

    /** The measurements whose column is not among the first ones. */
    private static List<Measurement> appended(List<Measurement> measurements) {
        List<String> first = List.of(HEADER.split(","));
        return measurements.stream().filter(m -> !first.contains(m.csvColumn())).toList();
    }

    public void write(CellRecord cell) throws IOException {
        var n = cell.nucleus();
        StringBuilder r = row;
        r.setLength(0);
        r.append(cell.id()).append(',');
        Decimals.append(r, n.centroidX(), 3, scratch);
        r.append(',');
        Decimals.append(r, n.centroidY(), 3, scratch);
        r.append(',');
        Decimals.append(r, n.areaPx(), 3, scratch);
        r.append(',');
        Decimals.append(r, cell.areaUm2(), Measurement.AREA.decimals(), scratch);
        r.append(',');
        Decimals.append(r, n.perimeter(), 3, scratch);
        r.append(',');
        Decimals.append(r, n.meanOd(), 4, scratch);
        r.append(',').append(n.col()).append(',').append(n.row());
        for (Measurement m : appended) {
            r.append(',');
            Decimals.append(r, cell.value(m), m.decimals(), scratch);
        }
        r.append('\n');
        out.append(r);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
