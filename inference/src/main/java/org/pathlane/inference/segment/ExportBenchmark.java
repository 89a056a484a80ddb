package org.pathlane.inference.segment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.export.CellRecord;
import org.pathlane.inference.export.CsvExporter;
import org.pathlane.inference.export.GeoJsonExporter;
import org.pathlane.inference.export.Measurement;
import org.pathlane.inference.measure.NucleusMeasurements;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.measure.ShapeMeasures;
import org.pathlane.inference.stitch.Nucleus;

/**
 * Times writing {@code cells.csv} and {@code cells.geojson} for many synthetic nuclei, the part of a run
 * that grows with the nuclei alone (a large slide has hundreds of thousands). The nuclei are made in
 * chunks outside the clock, as a run's tiles hand them over already measured, so memory stays flat and
 * only the writing is timed. They look like stitched, measured nuclei (brightfield: shape, hematoxylin and eosin): ellipses 6 to 16 px across, outlines of
 * about 20 vertices on pixel corners scaled to level-0 coordinates that are not whole numbers, rounded to the
 * thousandth as the checkpoint hands them to the exports.
 */
public final class ExportBenchmark {

    /**
     * @param cells          nuclei written
     * @param csvSeconds     time spent writing {@code cells.csv}
     * @param geojsonSeconds time spent writing {@code cells.geojson}
     * @param cpuSeconds     CPU time the writing thread spent on both: what other work on the same cores does
     *                       not inflate (wall-clock time on shared cores does)
     */
    public record Figures(int cells, double csvSeconds, double geojsonSeconds, double cpuSeconds, long csvBytes,
            long geojsonBytes) {

        public double seconds() {
            return csvSeconds + geojsonSeconds;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final int CHUNK = 10_000;
    /** Level-0 pixels per tile pixel: a 0.2527 µm/px slide for a 0.5 µm/px model. */
    private static final double SCALE = 0.5 / 0.2527;
    private static final double MPP = 0.2527;

    private ExportBenchmark() {
    }

    /** Writes {@code warmUp} nuclei untimed (the JIT compiles the writers), then times {@code cells}. */
    public static Figures run(int cells, int warmUp) throws IOException {
        Path dir = Files.createTempDirectory("pathlane-export-bench-");
        try {
            write(dir, Math.max(0, warmUp), 7);
            return write(dir, cells, 42);
        } finally {
            Files.deleteIfExists(dir.resolve("cells.csv"));
            Files.deleteIfExists(dir.resolve("cells.geojson"));
            Files.deleteIfExists(dir);
        }
    }

    private static Figures write(Path dir, int cells, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        GeometryFactory geometry = new GeometryFactory();
        Path csvFile = dir.resolve("cells.csv");
        Path geojsonFile = dir.resolve("cells.geojson");
        long csvNanos = 0;
        long geojsonNanos = 0;
        long cpuNanos = 0;
        long id = 0;
        List<Measurement> measurements = Measurement.of(PixelChannels.Kind.BRIGHTFIELD);
        CsvExporter csv = new CsvExporter(csvFile, measurements);
        GeoJsonExporter geojson = new GeoJsonExporter(geojsonFile, measurements);
        boolean closed = false;
        try {
            for (int done = 0; done < cells; done += CHUNK) {
                List<CellRecord> chunk = new ArrayList<>(CHUNK);
                for (int i = 0; i < Math.min(CHUNK, cells - done); i++) {
                    Nucleus n = nucleus(random, geometry);
                    chunk.add(new CellRecord(++id, n, MPP));
                }
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                for (CellRecord c : chunk) {
                    csv.write(c);
                }
                long t1 = System.nanoTime();
                for (CellRecord c : chunk) {
                    geojson.write(c);
                }
                long t2 = System.nanoTime();
                cpuNanos += cpuNanos() - cpu0;
                csvNanos += t1 - t0;
                geojsonNanos += t2 - t1;
            }
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            csv.close();
            long t1 = System.nanoTime();
            geojson.close();
            long t2 = System.nanoTime();
            closed = true;
            cpuNanos += cpuNanos() - cpu0;
            csvNanos += t1 - t0;
            geojsonNanos += t2 - t1;
        } finally {
            if (!closed) {
                // A failed write: the files are deleted next, and the failure that brought us here is the one to report.
                quietly(csv);
                quietly(geojson);
            }
        }
        return new Figures(cells, csvNanos / 1e9, geojsonNanos / 1e9, cpuNanos / 1e9, Files.size(csvFile),
                Files.size(geojsonFile));
    }

    /** This thread's CPU time (wall-clock time when the JVM cannot tell). */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static void quietly(AutoCloseable file) {
        try {
            file.close();
        } catch (Exception ignored) {
            // see the caller
        }
    }

    /** One ellipse-shaped nucleus somewhere on a 100,000 px square slide. */
    private static Nucleus nucleus(SplittableRandom random, GeometryFactory geometry) {
        int col = random.nextInt(200);
        int row = random.nextInt(200);
        double originX = col * 512 * SCALE;
        double originY = row * 512 * SCALE;
        double a = 3 + random.nextDouble() * 5;
        double b = a * (0.6 + random.nextDouble() * 0.4);
        double angle = random.nextDouble() * Math.PI;
        int cx = 64 + random.nextInt(512);
        int cy = 64 + random.nextInt(512);
        int vertices = 16 + random.nextInt(9);
        Coordinate[] ring = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            double t = 2 * Math.PI * i / vertices;
            double x = a * Math.cos(t) * Math.cos(angle) - b * Math.sin(t) * Math.sin(angle);
            double y = a * Math.cos(t) * Math.sin(angle) + b * Math.sin(t) * Math.cos(angle);
            ring[i] = new Coordinate(round(originX + Math.round(cx + x) * SCALE), round(originY + Math.round(cy + y) * SCALE));
        }
        ring[vertices] = ring[0];
        Polygon polygon = geometry.createPolygon(ring);
        ShapeMeasures.Shape shape = ShapeMeasures.of(polygon);
        double[] od = new double[8];
        for (int i = 0; i < od.length; i++) {
            od[i] = round4(random.nextDouble() * 1.5);
        }
        // As the checkpoint hands them on: shape to the thousandth of a pixel, ratios and OD to the ten-thousandth.
        NucleusMeasurements measured = new NucleusMeasurements(round(shape.perimeter()), round4(shape.circularity()), round4(shape.solidity()),
                round(shape.maxCaliper()), round(shape.majorAxis()), round(shape.minorAxis()), round4(shape.eccentricity()), od);
        return new Nucleus(polygon, round(originX + cx * SCALE), round(originY + cy * SCALE), round(polygon.getArea()),
                round(polygon.getLength()), od[0], col, row, measured);
    }

    /** To the thousandth, as the checkpoint keeps values and every export gets them. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
