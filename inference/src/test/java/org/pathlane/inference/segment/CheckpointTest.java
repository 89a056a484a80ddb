package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pathlane.inference.stitch.Nucleus;

class CheckpointTest {

    @TempDir
    Path out;

    private static Nucleus square(double x, double y) {
        var polygon = new GeometryFactory().createPolygon(new Coordinate[] {
            new Coordinate(x, y), new Coordinate(x + 4, y), new Coordinate(x + 4, y + 4), new Coordinate(x, y + 4),
            new Coordinate(x, y)});
        return new Nucleus(polygon, x + 2, y + 2, 16, 16, 0.42, 0, 0);
    }

    @Test
    void aTornLastTileIsDroppedAndTheRestResumes() throws Exception {
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            c.append(0, 0, List.of(square(1, 1), square(10, 10)));
            c.append(1, 0, List.of());
        }
        Path tiles = out.resolve("checkpoint/tiles.jsonl");
        Files.writeString(tiles, "{\"col\":2,\"row\":0,\"cells\":[[1.0,", StandardOpenOption.APPEND);

        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.tilesDone()).isEqualTo(2);
            assertThat(c.isDone(2, 0)).isFalse();
            List<Nucleus> cells = c.read(0, 0);
            assertThat(cells).hasSize(2);
            assertThat(cells.get(1).centroidX()).isEqualTo(12.0);
            assertThat(cells.get(1).polygon().getArea()).isEqualTo(16.0);
            c.append(2, 0, List.of(square(30, 30)));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.tilesDone()).isEqualTo(3);
            assertThat(c.read(2, 0)).hasSize(1);
        }
    }

    @Test
    void otherSettingsStartAfresh() throws Exception {
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            c.append(0, 0, List.of(square(1, 1)));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-b")) {
            assertThat(c.tilesDone()).isZero();
        }
    }
}
