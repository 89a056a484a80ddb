package org.pathlane.inference.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;

/**
 * Streams nuclei into a GeoJSON FeatureCollection that QuPath imports as detections: one Polygon Feature
 * per nucleus in level-0 pixel coordinates, {@code objectType: "detection"}, classification
 * {@code Nucleus}, and a measurement map. Each feature's {@code id} is a UUID derived from the cell id
 * (QuPath keeps it as the object's id); {@code properties.cellId} is the id of {@code cells.csv}.
 */
public final class GeoJsonExporter implements AutoCloseable {

    private final JsonGenerator g;

    public GeoJsonExporter(Path file) throws IOException {
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
        g.writeNumberField("Area µm^2", round(cell.areaUm2()));
        g.writeNumberField("Area px", round(n.areaPx()));
        g.writeNumberField("Perimeter px", round(n.perimeter()));
        g.writeNumberField("Centroid X px", round(n.centroidX()));
        g.writeNumberField("Centroid Y px", round(n.centroidY()));
        g.writeNumberField("Hematoxylin OD mean", n.meanOd());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
    }
}
