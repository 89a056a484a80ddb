package org.pathlane.app.viewer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.pathlane.viewer.overlay.OverlayShape;

/**
 * Reads the outlines of a GeoJSON file (PathLane's {@code cells.geojson}, QuPath exports) as overlay
 * shapes in level-0 pixels: every ring of every Polygon and MultiPolygon, in a FeatureCollection, a
 * single Feature or a bare geometry. Features are streamed one by one, so a file with hundreds of
 * thousands of nuclei is never held as one tree; shapes are handed over in batches as they are read.
 */
public final class GeoJsonShapes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonShapes() {
    }

    /** Every outline in the file. */
    public static List<OverlayShape> read(Path file) throws IOException {
        List<OverlayShape> all = new ArrayList<>();
        read(file, 10_000, all::addAll);
        return all;
    }

    /** Streams the outlines to {@code batches}, {@code batchSize} at a time; returns how many. */
    public static long read(Path file, int batchSize, Consumer<List<OverlayShape>> batches) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such GeoJSON file (check the --overlay path)");
        }
        List<OverlayShape> batch = new ArrayList<>(batchSize);
        long[] count = {0};
        Consumer<OverlayShape> sink = shape -> {
            batch.add(shape);
            count[0]++;
            if (batch.size() >= batchSize) {
                batches.accept(List.copyOf(batch));
                batch.clear();
            }
        };
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not GeoJSON (expected a JSON object at the start)");
            }
            int feature = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("features".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode node = parser.readValueAsTree();
                        addGeometry(file, "feature " + feature, node.get("geometry"), sink);
                        feature++;
                    }
                } else if ("geometry".equals(field) && value == JsonToken.START_OBJECT) {
                    addGeometry(file, "the feature", parser.readValueAsTree(), sink);
                } else if ("coordinates".equals(field) || "geometries".equals(field)) {
                    throw new IOException(file + ": a bare geometry is not supported; wrap it in a Feature");
                } else {
                    parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + " ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (!batch.isEmpty()) {
            batches.accept(List.copyOf(batch));
        }
        return count[0];
    }

    private static void addGeometry(Path file, String where, JsonNode geometry, Consumer<OverlayShape> sink)
            throws IOException {
        if (geometry == null || geometry.isNull()) {
            return;
        }
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.get("coordinates");
        switch (type) {
            case "Polygon" -> addRings(file, where, coordinates, sink);
            case "MultiPolygon" -> {
                for (JsonNode polygon : coordinates) {
                    addRings(file, where, polygon, sink);
                }
            }
            case "GeometryCollection" -> {
                for (JsonNode part : geometry.path("geometries")) {
                    addGeometry(file, where, part, sink);
                }
            }
            default -> {
                // Points and lines have no outline to draw; they are skipped, not an error.
            }
        }
    }

    private static void addRings(Path file, String where, JsonNode rings, Consumer<OverlayShape> sink) throws IOException {
        if (rings == null || !rings.isArray()) {
            throw new IOException(file + ": " + where + " has a polygon without a coordinates array");
        }
        for (JsonNode ring : rings) {
            int n = ring.size();
            if (n > 1 && ring.get(0).equals(ring.get(n - 1))) {
                n--;
            }
            if (n < 3) {
                throw new IOException(file + ": " + where + " has a ring with fewer than three points");
            }
            float[] xy = new float[2 * n];
            for (int i = 0; i < n; i++) {
                JsonNode point = ring.get(i);
                if (!point.isArray() || point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                    throw new IOException(file + ": " + where + " has a point that is not [x, y] numbers: " + point);
                }
                xy[2 * i] = (float) point.get(0).asDouble();
                xy[2 * i + 1] = (float) point.get(1).asDouble();
            }
            sink.accept(OverlayShape.polygon(xy));
        }
    }
}
