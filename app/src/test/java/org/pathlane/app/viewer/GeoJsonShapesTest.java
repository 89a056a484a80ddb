package org.pathlane.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.viewer.overlay.OverlayShape;

class GeoJsonShapesTest {

    @TempDir
    Path dir;

    @Test
    void readsPolygonsAndMultiPolygonsInBatches() throws IOException {
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 25; i++) {
            json.append(i == 0 ? "" : ",").append("""
                    {"type":"Feature","properties":{"classification":{"name":"Nucleus"}},
                     "geometry":{"type":"Polygon","coordinates":[[[%d,10],[%d,10],[%d,20],[%d,10]]]}}"""
                    .formatted(i * 10, i * 10 + 8, i * 10 + 4, i * 10));
        }
        json.append("""
                ,{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[
                   [[[0,0],[5,0],[5,5]]], [[[100,100],[120,100],[120,130],[100,130]], [[105,105],[110,105],[110,110]]]]}}
                ,{"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]}}
                ,{"type":"Feature","geometry":null}
                ]}""");
        Path file = dir.resolve("cells.geojson");
        Files.writeString(file, json);

        List<List<OverlayShape>> batches = new ArrayList<>();
        long count = GeoJsonShapes.read(file, 10, batches::add);

        assertThat(count).isEqualTo(28);
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 8);
        OverlayShape first = batches.get(0).get(0);
        assertThat(first.points()).as("the closing point is not repeated").isEqualTo(3);
        assertThat(first.maxX()).isEqualTo(8);
        assertThat(first.maxY()).isEqualTo(20);
        OverlayShape outer = batches.get(2).get(6);
        assertThat(outer.minX()).isEqualTo(100);
        assertThat(outer.maxY()).isEqualTo(130);
    }

    @Test
    void badFilesNameTheFileAndTheFeature() throws IOException {
        Path truncated = dir.resolve("truncated.geojson");
        Files.writeString(truncated, "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":{\"type\":\"Polygon\"");
        assertThatThrownBy(() -> GeoJsonShapes.read(truncated)).hasMessageContaining("truncated.geojson")
                .hasMessageContaining("not valid JSON");

        Path text = dir.resolve("notes.geojson");
        Files.writeString(text, "[1, 2, 3]");
        assertThatThrownBy(() -> GeoJsonShapes.read(text)).hasMessageContaining("notes.geojson").hasMessageContaining("not GeoJSON");

        Path badPoint = dir.resolve("bad.geojson");
        Files.writeString(badPoint, """
                {"type":"FeatureCollection","features":[
                  {"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}},
                  {"geometry":{"type":"Polygon","coordinates":[[[0,0],["x",0],[1,1]]]}}]}""");
        assertThatThrownBy(() -> GeoJsonShapes.read(badPoint)).hasMessageContaining("bad.geojson").hasMessageContaining("feature 1");

        assertThatThrownBy(() -> GeoJsonShapes.read(dir.resolve("absent.geojson"))).hasMessageContaining("absent.geojson");
    }
}
