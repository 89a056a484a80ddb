package org.pathlane.inference.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.measure.SlidePixels;
import org.pathlane.inference.postprocess.InstanceExtractor;
import org.pathlane.inference.postprocess.LabelImage;
import org.pathlane.inference.stitch.CoreStitcher;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.stitch.TileWindow;

/**
 * {@code cells.csv} and {@code cells.geojson} carry the same measurements under the documented names, with
 * identical values per nucleus, after the columns and keys every earlier version wrote.
 */
class MeasurementExportsTest {

    private static final double MPP = 0.2527;
    private static final int SIZE = 96;

    @TempDir
    Path tmp;

    /** Three nuclei measured the way a tile is: discs and an ellipse, on a tile far from the slide's origin. */
    static List<Nucleus> nuclei(PixelChannels channels) {
        int[] labels = new int[SIZE * SIZE];
        int[] argb = new int[SIZE * SIZE];
        Arrays.fill(argb, 0xffeedde8);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                int label = Math.hypot(px - 20, py - 20) <= 9 ? 1
                        : Math.hypot(px - 60, py - 30) <= 5 ? 2
                        : Math.pow((px - 40) / 14, 2) + Math.pow((py - 70) / 7, 2) <= 1 ? 3 : 0;
                labels[y * SIZE + x] = label;
                if (label > 0) {
                    argb[y * SIZE + x] = 0xff000000 | (40 + 17 * label + x % 7) << 16 | (20 + 9 * label + y % 5) << 8
                            | (100 + 30 * label + (x + y) % 11);
                }
            }
        }
        TileWindow window = new TileWindow(3, 4, 10_000.25, 7_500.5, 1.9786, SIZE, 10_000.25, 7_500.5, SIZE * 1.9786,
                SIZE * 1.9786);
        return new CoreStitcher().keep(window, InstanceExtractor.extract(new LabelImage(labels, SIZE, SIZE, 3), argb,
                new SlidePixels(argb, channels), (x, y) -> true));
    }

    private record Written(List<String> header, List<String[]> rows, JsonNode features) {
    }

    private Written write(List<Nucleus> nuclei, List<Measurement> measurements) throws IOException {
        Path csv = tmp.resolve("cells.csv");
        Path geojson = tmp.resolve("cells.geojson");
        try (CsvExporter c = new CsvExporter(csv, measurements); GeoJsonExporter g = new GeoJsonExporter(geojson, measurements)) {
            long id = 0;
            for (Nucleus n : nuclei) {
                CellRecord cell = new CellRecord(++id, n, MPP);
                c.write(cell);
                g.write(cell);
            }
        }
        List<String> lines = Files.readAllLines(csv);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return new Written(List.of(lines.get(0).split(",")), rows, new ObjectMapper().readTree(geojson.toFile()).path("features"));
    }

    @Test
    void bothExportsCarryTheSameMeasurementsWithIdenticalValuesPerNucleus() throws IOException {
        for (PixelChannels.Kind kind : PixelChannels.Kind.values()) {
            PixelChannels channels = kind == PixelChannels.Kind.BRIGHTFIELD ? PixelChannels.standardHE()
                    : PixelChannels.fluorescence(2);
            List<Measurement> measurements = Measurement.of(kind);
            Written w = write(nuclei(channels), measurements);

            assertThat(w.rows()).hasSize(3);
            assertThat(w.features().size()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < w.header().size(); c++) {
                    row.put(w.header().get(c), w.rows().get(i)[c]);
                }
                JsonNode f = w.features().get(i);
                JsonNode values = f.path("properties").path("measurements");
                assertThat(f.path("properties").path("cellId").asText()).isEqualTo(row.get("id"));
                for (Measurement m : measurements) {
                    assertThat(values.has(m.key())).as("%s: GeoJSON key %s", kind, m.key()).isTrue();
                    assertThat(row).as("%s: csv column %s", kind, m.csvColumn()).containsKey(m.csvColumn());
                    assertThat(Double.parseDouble(row.get(m.csvColumn())))
                            .as("%s nucleus %d: %s", kind, i + 1, m.key()).isEqualTo(values.path(m.key()).asDouble());
                    assertThat(values.path(m.key()).asDouble()).as("%s: %s", kind, m.key()).isFinite();
                }
            }
        }
    }

    @Test
    void theFirstColumnsAndKeysStayAsTheyWereAndEveryAddedOneIsAMeasurementInBothFiles() throws IOException {
        for (PixelChannels.Kind kind : PixelChannels.Kind.values()) {
            List<Measurement> measurements = Measurement.of(kind);
            Written w = write(nuclei(PixelChannels.standardHE()), measurements);
            List<String> first = List.of(CsvExporter.HEADER.split(","));
            assertThat(first).containsExactly("id", "centroid_x", "centroid_y", "area_px", "area_um2", "perimeter_px",
                    "mean_od", "tile_col", "tile_row");
            assertThat(w.header().subList(0, first.size())).isEqualTo(first);

            List<String> keys = new ArrayList<>();
            w.features().get(0).path("properties").path("measurements").fieldNames().forEachRemaining(keys::add);
            assertThat(keys.subList(0, 6)).containsExactly("Area µm^2", "Area px", "Perimeter px", "Centroid X px",
                    "Centroid Y px", "Hematoxylin OD mean");

            List<String> addedColumns = w.header().subList(first.size(), w.header().size());
            List<String> addedKeys = keys.subList(6, keys.size());
            List<String> allKeys = measurements.stream().map(Measurement::key).toList();
            List<String> allColumns = measurements.stream().map(Measurement::csvColumn).toList();
            assertThat(addedKeys).as("%s: every added key is a measurement", kind).isSubsetOf(allKeys);
            assertThat(addedColumns).as("%s: every added column is a measurement", kind).isSubsetOf(allColumns);
            // The same set in both files, under one mapping: the measurements among the keys, in snake case,
            // are the measurements among the columns.
            List<String> measuredKeys = keys.stream().filter(allKeys::contains).toList();
            List<String> measuredColumns = w.header().stream().filter(allColumns::contains).toList();
            assertThat(measuredKeys).as("%s", kind).containsExactlyInAnyOrderElementsOf(allKeys);
            assertThat(measuredKeys.stream().map(Measurement::snakeCase).toList()).as("%s", kind)
                    .containsExactlyInAnyOrderElementsOf(measuredColumns);
        }
    }

    @Test
    void namesAreQuPathsAndColumnsTheirSnakeCase() {
        assertThat(Measurement.MAX_CALIPER.key()).isEqualTo("Max caliper µm");
        assertThat(Measurement.MAX_CALIPER.csvColumn()).isEqualTo("max_caliper_um");
        assertThat(Measurement.AREA.csvColumn()).isEqualTo("area_um2");
        assertThat(Measurement.HEMATOXYLIN_STD.csvColumn()).isEqualTo("hematoxylin_od_std_dev");
        assertThat(Measurement.of(PixelChannels.Kind.BRIGHTFIELD)).contains(Measurement.EOSIN_MAX)
                .doesNotContain(Measurement.NUCLEAR_MEAN);
        assertThat(Measurement.of(PixelChannels.Kind.FLUORESCENCE)).contains(Measurement.NUCLEAR_MAX)
                .doesNotContain(Measurement.HEMATOXYLIN_MEAN, Measurement.EOSIN_MEAN);
    }

    @Test
    void lengthsAreInMicronsAndAreasInSquareMicrons() throws IOException {
        Nucleus n = nuclei(PixelChannels.standardHE()).get(0);
        CellRecord cell = new CellRecord(1, n, MPP);

        assertThat(cell.value(Measurement.AREA)).isCloseTo(n.areaPx() * MPP * MPP, within(1e-9));
        assertThat(cell.value(Measurement.MAJOR_AXIS)).isCloseTo(n.measurements().majorAxis() * MPP, within(1e-9));
        // A disc of radius 9 tile pixels, 1.9786 level-0 pixels each: 18 · 1.9786 · 0.2527 µm across.
        assertThat(cell.value(Measurement.MAJOR_AXIS)).isCloseTo(18 * 1.9786 * MPP, within(0.3));
        assertThat(cell.value(Measurement.MAX_CALIPER)).isCloseTo(18 * 1.9786 * MPP, within(0.8));
        assertThat(cell.value(Measurement.CIRCULARITY)).isEqualTo(n.measurements().circularity());
    }

    @Test
    void valuesAreWrittenWithFixedDecimalsRoundedHalfUp() {
        char[] text = new char[Decimals.MAX_CHARS];
        assertThat(new String(text, 0, Decimals.fixed(text, 12.3456, 3))).isEqualTo("12.346");
        assertThat(new String(text, 0, Decimals.fixed(text, -0.00049, 3))).isEqualTo("0.000");
        assertThat(new String(text, 0, Decimals.fixed(text, -2.6, 0))).isEqualTo("-3");
        assertThat(new String(text, 0, Decimals.fixed(text, 2.5, 0))).isEqualTo("3");
        assertThat(new String(text, 0, Decimals.fixed(text, 7, 4))).isEqualTo("7.0000");
        assertThat(new String(text, 0, Decimals.fixed(text, 0.05, 4))).isEqualTo("0.0500");
        assertThat(Decimals.fixed(text, Double.NaN, 3)).isZero();
        assertThat(new String(text, 0, Decimals.thousandths(text, 1234.5))).isEqualTo("1234.5");
        assertThat(new String(text, 0, Decimals.thousandths(text, -0.125))).isEqualTo("-0.125");
        assertThat(Decimals.thousandths(text, 0.1234)).as("not a whole number of thousandths").isZero();
    }
}
