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
import org.pathlane.inference.measure.NucleusMeasurements;
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
            c.append(0, 0, "p", List.of(square(1, 1), square(10, 10)));
            c.append(1, 0, "p", List.of());
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
            c.append(2, 0, "p", List.of(square(30, 30)));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.tilesDone()).isEqualTo(3);
            assertThat(c.read(2, 0)).hasSize(1);
        }
    }

    @Test
    void whatAppendHandsOnIsExactlyWhatAResumedRunReadsBack() throws Exception {
        // Values whose last kept decimal is a rounding edge: printed once from memory and once from the
        // file, they must not differ, or a resumed run's cells.csv differs from an uninterrupted one's.
        Nucleus awkward = new Nucleus(square(0.12345, 7.0004999).polygon(), 4170.8375000001, 2.0004999, 80.00049,
                42.9444999, 0.751849999, 0, 0);
        List<Nucleus> handedOn;
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            handedOn = c.append(0, 0, "p", List.of(awkward));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            Nucleus read = c.read(0, 0).get(0);
            Nucleus kept = handedOn.get(0);
            assertThat(read.centroidX()).isEqualTo(kept.centroidX()).isEqualTo(4170.838);
            assertThat(read.centroidY()).isEqualTo(kept.centroidY());
            assertThat(read.areaPx()).isEqualTo(kept.areaPx());
            assertThat(read.perimeter()).isEqualTo(kept.perimeter());
            assertThat(read.meanOd()).isEqualTo(kept.meanOd());
            assertThat(read.polygon().getCoordinates()).isEqualTo(kept.polygon().getCoordinates());
        }
    }

    @Test
    void measurementsComeBackAsHandedOnSoAResumedRunExportsTheSameValues() throws Exception {
        Nucleus s = square(100.5, 200.25);
        Nucleus measured = new Nucleus(s.polygon(), s.centroidX(), s.centroidY(), s.areaPx(), s.perimeter(), 0.61234567,
                0, 0, new NucleusMeasurements(15.0004999, 0.987654321, 0.99995, 5.6568542, 4.5135166, 4.5135166, 0.00049999,
                        new double[] {0.61234567, 0.10000499, 0.2, 1.23456789, 0.25, 0.0333333, 0.1, 0.4}));
        List<Nucleus> handedOn;
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            handedOn = c.append(0, 0, "p", List.of(measured));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            NucleusMeasurements read = c.read(0, 0).get(0).measurements();
            NucleusMeasurements kept = handedOn.get(0).measurements();
            assertThat(read).isEqualTo(kept);
            assertThat(read.intensity()).hasSize(8).containsExactly(kept.intensity());
            assertThat(read.maxCaliper()).isEqualTo(5.657);
            assertThat(read.circularity()).isEqualTo(0.9877);
            assertThat(read.intensity(3)).isEqualTo(1.2346);
        }
    }

    @Test
    void aCheckpointWrittenBeforeMeasurementsIsStartedAfresh() throws Exception {
        Path tiles = Files.createDirectories(out.resolve("checkpoint")).resolve("tiles.jsonl");
        String header = "{\"checkpoint\":2,\"run\":\"run-a\"}";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(tiles, String.format("%08x %s%n", crc.getValue(), header));

        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.tilesDone()).isZero();
        }
    }

    @Test
    void otherSettingsStartAfresh() throws Exception {
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            c.append(0, 0, "p", List.of(square(1, 1)));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-b")) {
            assertThat(c.tilesDone()).isZero();
        }
    }

    @Test
    void aDamagedMiddleLineDropsThatTileAloneAndAnAlteredOneIsNotBelieved() throws Exception {
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            c.append(0, 0, "p", List.of(square(1, 1)));
            c.append(1, 0, "p", List.of(square(10, 10)));
            c.append(2, 0, "p", List.of(square(20, 20)));
            c.append(3, 0, "p", List.of(square(30, 30)));
        }
        Path tiles = out.resolve("checkpoint/tiles.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(tiles));
        int first = lines.size() - 4;
        // Tile 1,0: bytes a failing disk garbled (no longer JSON). Tile 2,0: one digit changed, still valid JSON.
        lines.set(first + 1, lines.get(first + 1).replace("\"cells\"", "\u0000\u0000lls\""));
        lines.set(first + 2, lines.get(first + 2).replace("20", "21"));
        Files.write(tiles, lines);

        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.isDone(0, 0)).isTrue();
            assertThat(c.isDone(1, 0)).as("an unreadable line").isFalse();
            assertThat(c.isDone(2, 0)).as("a line whose content no longer matches its checksum").isFalse();
            assertThat(c.isDone(3, 0)).as("the tile after the damaged ones is kept").isTrue();
            assertThat(c.read(3, 0).get(0).centroidX()).isEqualTo(32.0);
            c.append(1, 0, "p", List.of(square(10, 10)));
        }
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.tilesDone()).as("the redone tile is appended after the damaged lines").isEqualTo(3);
            assertThat(c.read(1, 0)).hasSize(1);
        }
    }

    @Test
    void theTilesFileAloneIsEnoughToResume() throws Exception {
        // A kill while the checkpoint of a finished run was being removed (or a second file lost) must not
        // throw the finished tiles away: the settings travel inside the tiles file.
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            c.append(0, 0, "p", List.of(square(1, 1)));
        }
        Files.deleteIfExists(out.resolve("checkpoint/run.json"));
        try (Checkpoint c = Checkpoint.open(out, "run-a")) {
            assertThat(c.isDone(0, 0)).isTrue();
        }
        try (var files = Files.list(out.resolve("checkpoint"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tiles.jsonl");
        }
    }
}
