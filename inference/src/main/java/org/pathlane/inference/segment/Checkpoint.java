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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.export.JsonNumbers;
import org.pathlane.inference.measure.NucleusMeasurements;
import org.pathlane.inference.stitch.Nucleus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-tile checkpoint of a run: one file, {@code checkpoint/tiles.jsonl}, appended and forced to disk
 * as each tile finishes. Its first line holds the fingerprint of the run's settings; every further line is
 * one finished tile with its nuclei and a digest of the tile's pixels. Every line starts with the CRC-32C
 * of the rest of it, so a line a failing disk or an editor changed is recognised, even when it is still
 * valid JSON, and only that tile is done again: the tiles after it are kept. A torn last line (the run was
 * killed while writing it) is cut off. The final exports are always built from this file in grid order, so
 * an interrupted and an uninterrupted run end with the same result.
 *
 * <p>Why the settings live in the same file: with two files (settings and tiles) a kill between writing or
 * removing one and the other either threw the finished tiles away or paired them with other settings.
 *
 * <p>Why a pixel digest per tile: the slide's id is only a cheap sample of the file (its size and first
 * and last 64 KiB), and a size and modification time would be no better (both survive an in-place edit or
 * a re-export). Hashing the whole file on every start costs minutes on a network share. A tile's result
 * depends on nothing but the model, the settings and that tile's pixels, so a resumed run reads each
 * finished tile again (reading is the cheap stage; inference is the slow one) and keeps its nuclei only
 * when the SHA-256 of the pixels is the one written beside them. That is sound for exactly what matters
 * and costs one read per finished tile.
 */
public final class Checkpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DIR = "checkpoint";
    private static final String TILES = "tiles.jsonl";
    /** Hex digits of the CRC-32C and the space after them, at the start of every line. */
    private static final int CRC_PREFIX = 9;

    /** Where one finished tile's record is: the JSON after the checksum, and the digest of its pixels. */
    private record Entry(long offset, int length, String pixels) {
    }

    private final Path tilesFile;
    private final FileChannel channel;
    private final Map<Long, Entry> index = new HashMap<>();
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
        // Written by earlier versions beside the tiles; the fingerprint is inside tiles.jsonl now.
        Files.deleteIfExists(dir.resolve("run.json"));
        Path tiles = dir.resolve(TILES);
        FileChannel channel = FileChannel.open(tiles, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Checkpoint checkpoint = new Checkpoint(tiles, channel);
        try {
            if (checkpoint.load(fingerprint)) {
                LOG.info("Resuming {}: {} tiles already done", outDir, checkpoint.index.size());
            } else {
                checkpoint.startAfresh(fingerprint);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return checkpoint;
    }

    private static String header(String fingerprint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            // 3: each nucleus carries its measurements; tiles of an older checkpoint are segmented again.
            g.writeNumberField("checkpoint", 3);
            g.writeStringField("run", fingerprint);
            g.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void startAfresh(String fingerprint) throws IOException {
        index.clear();
        channel.truncate(0);
        channel.position(0);
        writeLine(header(fingerprint).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Indexes the finished tiles line by line (memory stays flat however long the file is).
     *
     * @return false when the file holds no run, or another run's tiles
     */
    private boolean load(String fingerprint) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        String expected = header(fingerprint);
        long lineStart = 0;
        long offset = 0;
        long complete = 0;
        boolean first = true;
        int damaged = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tilesFile), 1 << 16)) {
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                byte[] bytes = line.toByteArray();
                line.reset();
                complete = offset;
                long at = lineStart;
                lineStart = offset;
                boolean intact = checksumMatches(bytes);
                if (first) {
                    first = false;
                    if (!intact || !new String(bytes, CRC_PREFIX, bytes.length - CRC_PREFIX, StandardCharsets.UTF_8)
                            .equals(expected)) {
                        return false;
                    }
                    continue;
                }
                JsonNode tile = null;
                if (intact) {
                    try {
                        tile = JSON.readTree(bytes, CRC_PREFIX, bytes.length - CRC_PREFIX);
                    } catch (IOException unreadable) {
                        tile = null;
                    }
                }
                if (tile == null || !tile.path("col").canConvertToInt() || !tile.path("row").canConvertToInt()) {
                    damaged++;
                    continue;
                }
                index.put(key(tile.path("col").asInt(), tile.path("row").asInt()),
                        new Entry(at + CRC_PREFIX, bytes.length - CRC_PREFIX, tile.path("pixels").asText("")));
            }
        }
        if (first) {
            return false;
        }
        if (damaged > 0) {
            LOG.warn("Checkpoint {}: {} damaged tile records ignored; those tiles are segmented again", tilesFile, damaged);
        }
        if (complete < size) {
            LOG.info("Checkpoint {}: dropping {} bytes of a tile that was being written when the run stopped",
                    tilesFile, size - complete);
            channel.truncate(complete);
        }
        channel.position(complete);
        return true;
    }

    private static boolean checksumMatches(byte[] line) {
        if (line.length <= CRC_PREFIX || line[CRC_PREFIX - 1] != ' ') {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(line, CRC_PREFIX, line.length - CRC_PREFIX);
        return String.format("%08x", crc.getValue()).equals(new String(line, 0, CRC_PREFIX - 1, StandardCharsets.US_ASCII));
    }

    /** Appends {@code json} as one checksummed line and forces it to disk; returns where the JSON starts. */
    private long writeLine(byte[] json) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(json);
        byte[] prefix = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer line = ByteBuffer.allocate(prefix.length + json.length + 1).put(prefix).put(json).put((byte) '\n').flip();
        long offset = channel.position();
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
        return offset + prefix.length;
    }

    /** The SHA-256 of a tile's pixels, as {@link #append} stores it and a resumed run compares it. */
    public static String digest(int[] argb) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        ByteBuffer bytes = ByteBuffer.allocate(argb.length * Integer.BYTES);
        bytes.asIntBuffer().put(argb);
        sha.update(bytes);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static long key(int col, int row) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }

    public synchronized boolean isDone(int col, int row) {
        return index.containsKey(key(col, row));
    }

    /** The digest of the pixels a finished tile was segmented from (empty when the tile is not done). */
    public synchronized String pixels(int col, int row) {
        Entry e = index.get(key(col, row));
        return e == null ? "" : e.pixels();
    }

    public synchronized int tilesDone() {
        return index.size();
    }

    /**
     * Appends one finished tile and forces it to disk.
     *
     * @param pixels the {@link #digest} of the pixels the tile was segmented from
     * @return the nuclei as stored, exactly as {@link #read} will give them back (values rounded to what
     *     the file keeps): what every later step uses, so a resumed run gives the same results as an
     *     uninterrupted one
     */
    public synchronized List<Nucleus> append(int col, int row, String pixels, List<Nucleus> cells) throws IOException {
        List<Nucleus> stored = new ArrayList<>(cells.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("col", col);
            g.writeNumberField("row", row);
            g.writeStringField("pixels", pixels);
            g.writeArrayFieldStart("cells");
            for (Nucleus n : cells) {
                Nucleus s = new Nucleus(rounded(n.polygon()), round(n.centroidX()), round(n.centroidY()),
                        round(n.areaPx()), round(n.perimeter()), round4(n.meanOd()), col, row, rounded(n.measurements()));
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
                NucleusMeasurements m = s.measurements();
                g.writeStartArray();
                JsonNumbers.write(g, m.perimeter());
                JsonNumbers.write(g, m.circularity());
                JsonNumbers.write(g, m.solidity());
                JsonNumbers.write(g, m.maxCaliper());
                JsonNumbers.write(g, m.majorAxis());
                JsonNumbers.write(g, m.minorAxis());
                JsonNumbers.write(g, m.eccentricity());
                for (double v : m.intensity()) {
                    JsonNumbers.write(g, v);
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        long offset = writeLine(bytes.toByteArray());
        index.put(key(col, row), new Entry(offset, bytes.size(), pixels));
        return stored;
    }

    /** Shape to the thousandth of a pixel, ratios and intensities to the ten-thousandth, as the file keeps them. */
    private static NucleusMeasurements rounded(NucleusMeasurements m) {
        double[] intensity = new double[m.intensity().length];
        for (int i = 0; i < intensity.length; i++) {
            intensity[i] = round4(m.intensity()[i]);
        }
        return new NucleusMeasurements(round(m.perimeter()), round4(m.circularity()), round4(m.solidity()), round(m.maxCaliper()),
                round(m.majorAxis()), round(m.minorAxis()), round4(m.eccentricity()), intensity);
    }

    private static NucleusMeasurements measurements(JsonNode m) {
        double[] intensity = new double[Math.max(0, m.size() - 7)];
        for (int i = 0; i < intensity.length; i++) {
            intensity[i] = m.get(7 + i).asDouble();
        }
        return new NucleusMeasurements(m.get(0).asDouble(), m.get(1).asDouble(), m.get(2).asDouble(), m.get(3).asDouble(),
                m.get(4).asDouble(), m.get(5).asDouble(), m.get(6).asDouble(), intensity);
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
        Entry at = index.get(key(col, row));
        if (at == null) {
            return List.of();
        }
        ByteBuffer buf = ByteBuffer.allocate(at.length());
        while (buf.hasRemaining()) {
            if (channel.read(buf, at.offset() + buf.position()) < 0) {
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
                    c.get(3).asDouble(), c.get(4).asDouble(), col, row, measurements(c.get(6))));
        }
        return cells;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Removes the checkpoint once the exports are complete. */
    public static void delete(Path outDir) throws IOException {
        Path dir = outDir.resolve(DIR);
        // One file: removed at once, so a kill here leaves either the whole checkpoint or none.
        Files.deleteIfExists(dir.resolve(TILES));
        Files.deleteIfExists(dir.resolve("run.json"));
        Files.deleteIfExists(dir);
    }
}
