package org.pathlane.inference.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** Reads a run's {@code cells.geojson} back as JTS polygons. */
public final class Results {

    private Results() {
    }

    public static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    public static List<Polygon> polygons(Path geojson) throws IOException {
        GeometryFactory f = new GeometryFactory();
        List<Polygon> out = new ArrayList<>();
        for (JsonNode feature : json(geojson).path("features")) {
            JsonNode ring = feature.path("geometry").path("coordinates").get(0);
            Coordinate[] c = new Coordinate[ring.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
            }
            out.add(f.createPolygon(c));
        }
        return out;
    }
}
