package org.pathlane.inference.segment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.export.JsonNumbers;
import org.pathlane.inference.stitch.Nucleus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-tile checkpoint of a run: one JSON line per finished tile with its nuclei, appended and forced
 * to disk as each tile finishes, beside a fingerprint of the run's settings. A killed run resumes by
 * skipping the tiles already there (a torn last line is cut off); the final exports are always built
 * from this file in grid order, so an interrupted and an uninterrupted run end with the same result.
 */
public final class Checkpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DIR = "checkpoint";

    private final Path tilesFile;
    private final FileChannel channel;
    private final Map<Long, long[]> index = new HashMap<>();
    private final GeometryFactory geometry = new GeometryFactory();

    private Checkpoint(Path tilesFile, FileChannel channel) {
        this.tilesFile = tilesFile;
        this.channel = channel;
    }

    /**
     * Opens the checkpoint in {@code outDir}, resuming it when it was written with the same fingerprint
     * and starting afresh otherwise.
     */
    public static Checkpoint open(Path outDir, String fingerprint) throws IOException {
        Path dir = Files.createDirectories(outDir.resolve(DIR));
        Path run = dir.resolve("run.json");
        Path tiles = dir.resolve("tiles.jsonl");
        boolean resume = Files.isRegularFile(run) && Files.readString(run).equals(fingerprint) && Files.exists(tiles);
        if (!resume) {
            Files.deleteIfExists(tiles);
            Files.writeString(run, fingerprint);
        }
        FileChannel channel = FileChannel.open(tiles, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Checkpoint checkpoint = new Checkpoint(tiles, channel);
        if (resume) {
            checkpoint.load();
            LOG.info("Resuming {}: {} tiles already done", outDir, checkpoint.index.size());
        }
        return checkpoint;
    }

    /** Indexes the finished tiles line by line (memory stays flat however long the file is). */
    private void load() throws IOException {
        long good = 0;
        long offset = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tilesFile), 1 << 16)) {
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                try {
                    JsonNode tile = JSON.readTree(line.toByteArray());
                    index.put(key(tile.path("col").asInt(), tile.path("row").asInt()), new long[] {good, line.size()});
                } catch (IOException torn) {
                    break;
                }
                good = offset;
                line.reset();
            }
        }
        long size = Files.size(tilesFile);
        if (good < size) {
            LOG.info("Checkpoint {}: dropping {} bytes of a tile that was being written when the run stopped",
                    tilesFile, size - good);
            channel.truncate(good);
        }
        channel.position(good);
    }

    private static long key(int col, int row) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }

    public synchronized boolean isDone(int col, int row) {
        return index.containsKey(key(col, row));
    }

    public synchronized int tilesDone() {
        return index.size();
    }

    /**
     * Appends one finished tile and forces it to disk.
     *
     * @return the nuclei as stored, exactly as {@link #read} will give them back (values rounded to what
     *     the file keeps): what every later step uses, so a resumed run gives the same results as an
     *     uninterrupted one
     */
    public synchronized List<Nucleus> append(int col, int row, List<Nucleus> cells) throws IOException {
        List<Nucleus> stored = new ArrayList<>(cells.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("col", col);
            g.writeNumberField("row", row);
            g.writeArrayFieldStart("cells");
            for (Nucleus n : cells) {
                Nucleus s = new Nucleus(rounded(n.polygon()), round(n.centroidX()), round(n.centroidY()),
                        round(n.areaPx()), round(n.perimeter()), Math.round(n.meanOd() * 10000) / 10000.0, col, row);
                stored.add(s);
                g.writeStartArray();
                JsonNumbers.write(g, s.centroidX());
                JsonNumbers.write(g, s.centroidY());
                JsonNumbers.write(g, s.areaPx());
                JsonNumbers.write(g, s.perimeter());
                JsonNumbers.write(g, s.meanOd());
                g.writeStartArray();
                for (Coordinate c : s.polygon().getExteriorRing().getCoordinates()) {
                    JsonNumbers.write(g, c.x);
                    JsonNumbers.write(g, c.y);
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        bytes.write('\n');
        long offset = channel.position();
        channel.write(ByteBuffer.wrap(bytes.toByteArray()));
        channel.force(false);
        index.put(key(col, row), new long[] {offset, bytes.size() - 1});
        return stored;
    }

    private Polygon rounded(Polygon polygon) {
        Coordinate[] coords = polygon.getExteriorRing().getCoordinates();
        Coordinate[] out = new Coordinate[coords.length];
        for (int i = 0; i < coords.length; i++) {
            out[i] = new Coordinate(round(coords[i].x), round(coords[i].y));
        }
        return geometry.createPolygon(out);
    }

    /** The nuclei of a finished tile, as written (empty when the tile is not done). */
    public synchronized List<Nucleus> read(int col, int row) throws IOException {
        long[] at = index.get(key(col, row));
        if (at == null) {
            return List.of();
        }
        ByteBuffer buf = ByteBuffer.allocate((int) at[1]);
        while (buf.hasRemaining()) {
            if (channel.read(buf, at[0] + buf.position()) < 0) {
                throw new IOException(tilesFile + ": ends inside the record of tile " + col + "," + row);
            }
        }
        JsonNode line = JSON.readTree(buf.array());
        List<Nucleus> cells = new ArrayList<>();
        for (JsonNode c : line.path("cells")) {
            JsonNode ring = c.get(5);
            Coordinate[] coords = new Coordinate[ring.size() / 2];
            for (int i = 0; i < coords.length; i++) {
                coords[i] = new Coordinate(ring.get(2 * i).asDouble(), ring.get(2 * i + 1).asDouble());
            }
            Polygon polygon = geometry.createPolygon(coords);
            cells.add(new Nucleus(polygon, c.get(0).asDouble(), c.get(1).asDouble(), c.get(2).asDouble(),
                    c.get(3).asDouble(), c.get(4).asDouble(), col, row));
        }
        return cells;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Removes the checkpoint once the exports are complete. */
    public static void delete(Path outDir) throws IOException {
        Path dir = outDir.resolve(DIR);
        Files.deleteIfExists(dir.resolve("tiles.jsonl"));
        Files.deleteIfExists(dir.resolve("run.json"));
        Files.deleteIfExists(dir);
    }
}
