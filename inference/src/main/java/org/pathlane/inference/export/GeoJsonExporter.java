package org.pathlane.inference.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.pathlane.inference.measure.PixelChannels;

/**
 * Streams nuclei into a GeoJSON FeatureCollection that QuPath imports as detections: one Polygon Feature
 * per nucleus in level-0 pixel coordinates, {@code objectType: "detection"}, classification
 * {@code Nucleus}, and a measurement map ({@link Measurement}: the values are the same text as {@code cells.csv}'s). Each feature's {@code id} is a UUID derived from the cell id
 * (QuPath keeps it as the object's id); {@code properties.cellId} is the id of {@code cells.csv}.
 */
public final class GeoJsonExporter implements AutoCloseable {

    /** The measurement keys every version wrote, in this order. */
    public static final List<String> FIRST_MEASUREMENTS = List.of("Area µm^2", "Area px", "Perimeter px", "Centroid X px",
            "Centroid Y px", "Hematoxylin OD mean");

    private final JsonGenerator g;
    private final List<Measurement> appended;
    private final char[] scratch = new char[Decimals.MAX_CHARS];
    /** Keys encoded once: most of the text of a feature, written 300,000 times for a large slide. */
    private static final SerializedString[] KEYS = keys();
    private static final SerializedString[] FIRST = FIRST_MEASUREMENTS.stream().map(SerializedString::new)
            .toArray(SerializedString[]::new);

    /** A collection with the brightfield measurements. */
    public GeoJsonExporter(Path file) throws IOException {
        this(file, Measurement.of(PixelChannels.Kind.BRIGHTFIELD));
    }

    /**
     * A collection with these measurements after the first ones ({@link #FIRST_MEASUREMENTS}; a measurement
     * already among them, such as {@code Area µm^2}, stays where it was).
     */
    public GeoJsonExporter(Path file, List<Measurement> measurements) throws IOException {
        this.appended = measurements.stream().filter(m -> !FIRST_MEASUREMENTS.contains(m.key())).toList();
        g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
    }

    public void write(CellRecord cell) throws IOException {
        var n = cell.nucleus();
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", UUID.nameUUIDFromBytes(("pathlane-cell-" + cell.id()).getBytes(StandardCharsets.UTF_8)).toString());
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Polygon");
        g.writeArrayFieldStart("coordinates");
        g.writeStartArray();
        for (Coordinate c : n.polygon().getExteriorRing().getCoordinates()) {
            g.writeStartArray();
            JsonNumbers.write(g, c.x);
            JsonNumbers.write(g, c.y);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("objectType", "detection");
        g.writeNumberField("cellId", cell.id());
        g.writeObjectFieldStart("classification");
        g.writeStringField("name", "Nucleus");
        g.writeArrayFieldStart("color");
        g.writeNumber(40);
        g.writeNumber(40);
        g.writeNumber(200);
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("measurements");
        number(FIRST[0], cell.areaUm2(), Measurement.AREA.decimals());
        number(FIRST[1], n.areaPx(), 3);
        number(FIRST[2], n.perimeter(), 3);
        number(FIRST[3], n.centroidX(), 3);
        number(FIRST[4], n.centroidY(), 3);
        number(FIRST[5], n.meanOd(), 4);
        for (Measurement m : appended) {
            number(KEYS[m.ordinal()], cell.value(m), m.decimals());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** One measurement, as the same text as {@code cells.csv} has; left out when it was not measured. */
    private void number(SerializedString key, double value, int decimals) throws IOException {
        int n = Decimals.fixed(scratch, value, decimals);
        if (n > 0) {
            g.writeFieldName(key);
            g.writeNumber(scratch, 0, n);
        }
    }

    private static SerializedString[] keys() {
        Measurement[] all = Measurement.values();
        SerializedString[] keys = new SerializedString[all.length];
        for (Measurement m : all) {
            keys[m.ordinal()] = new SerializedString(m.key());
        }
        return keys;
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
    }
}
