package org.pathlane.inference.slide;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes a little-endian, tiled, Adobe-Deflate (lossless) multi-page TIFF pyramid in pure Java.
 * ImageIO's TIFF writer cannot be used: it writes big-endian files, which OpenSlide 3.4 does not
 * recognise. An optional ImageDescription (e.g. an Aperio header) and a resolution in pixels/cm let
 * tests make slides OpenSlide reports as {@code aperio} or as a {@code generic-tiff} with mpp.
 */
final class TiffPyramidWriter {

    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int ASCII = 2;
    private static final int RATIONAL = 5;

    private final int tile;
    private String description;
    private double pixelsPerCm;

    TiffPyramidWriter(int tile) {
        this.tile = tile;
    }

    TiffPyramidWriter description(String text) {
        this.description = text;
        return this;
    }

    TiffPyramidWriter pixelsPerCm(double value) {
        this.pixelsPerCm = value;
        return this;
    }

    Path write(Path file, List<BufferedImage> levels) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = le(8).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0);
            out.write(header.flip());
            long previousNextPointer = 4;
            for (int i = 0; i < levels.size(); i++) {
                long ifd = writeLevel(out, levels.get(i), i == 0);
                out.write(le(4).putInt((int) ifd).flip(), previousNextPointer);
                previousNextPointer = ifd + 2 + 12L * entryCount(i == 0);
            }
        }
        return file;
    }

    private int entryCount(boolean first) {
        int n = first ? 11 : 12;
        if (first && description != null) {
            n++;
        }
        if (pixelsPerCm > 0) {
            n += 3;
        }
        return n;
    }

    /** Writes tiles, then side data, then the IFD; returns the IFD's offset. */
    private long writeLevel(FileChannel out, BufferedImage image, boolean first) throws IOException {
        int across = (image.getWidth() + tile - 1) / tile;
        int down = (image.getHeight() + tile - 1) / tile;
        long[] offsets = new long[across * down];
        long[] counts = new long[across * down];
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                byte[] data = deflate(tileBytes(image, tx * tile, ty * tile));
                offsets[ty * across + tx] = out.size();
                counts[ty * across + tx] = data.length;
                out.write(ByteBuffer.wrap(data), out.size());
            }
        }
        long bits = appendShorts(out, 8, 8, 8);
        long offsetArray = appendLongs(out, offsets);
        long countArray = appendLongs(out, counts);
        long text = first && description != null ? append(out, (description + "\0").getBytes(StandardCharsets.US_ASCII)) : 0;
        long resolution = pixelsPerCm > 0 ? append(out, le(8).putInt((int) Math.round(pixelsPerCm * 1000)).putInt(1000).array()) : 0;
        List<long[]> entries = new ArrayList<>();
        if (!first) {
            // NewSubfileType "reduced resolution": how OpenSlide's generic-tiff finds the pyramid levels.
            entries.add(new long[] {254, LONG, 1, 1});
        }
        entries.add(new long[] {256, LONG, 1, image.getWidth()});
        entries.add(new long[] {257, LONG, 1, image.getHeight()});
        entries.add(new long[] {258, SHORT, 3, bits});
        entries.add(new long[] {259, SHORT, 1, 8});
        entries.add(new long[] {262, SHORT, 1, 2});
        if (text != 0) {
            entries.add(new long[] {270, ASCII, description.length() + 1, text});
        }
        entries.add(new long[] {277, SHORT, 1, 3});
        if (resolution != 0) {
            entries.add(new long[] {282, RATIONAL, 1, resolution});
            entries.add(new long[] {283, RATIONAL, 1, resolution});
        }
        entries.add(new long[] {284, SHORT, 1, 1});
        if (resolution != 0) {
            entries.add(new long[] {296, SHORT, 1, 3});
        }
        entries.add(new long[] {322, SHORT, 1, tile});
        entries.add(new long[] {323, SHORT, 1, tile});
        entries.add(new long[] {324, LONG, offsets.length, offsets.length == 1 ? offsets[0] : offsetArray});
        entries.add(new long[] {325, LONG, counts.length, counts.length == 1 ? counts[0] : countArray});
        ByteBuffer ifd = le(2 + 12 * entries.size() + 4).putShort((short) entries.size());
        for (long[] e : entries) {
            ifd.putShort((short) e[0]).putShort((short) e[1]).putInt((int) e[2]);
            if (e[1] == SHORT && e[2] == 1) {
                ifd.putShort((short) e[3]).putShort((short) 0);
            } else {
                ifd.putInt((int) e[3]);
            }
        }
        ifd.putInt(0);
        return append(out, ifd.array());
    }

    private byte[] tileBytes(BufferedImage image, int x0, int y0) {
        byte[] rgb = new byte[tile * tile * 3];
        for (int y = 0; y < tile && y0 + y < image.getHeight(); y++) {
            for (int x = 0; x < tile && x0 + x < image.getWidth(); x++) {
                int p = image.getRGB(x0 + x, y0 + y);
                int i = (y * tile + x) * 3;
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return rgb;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static long appendShorts(FileChannel out, int... values) throws IOException {
        ByteBuffer b = le(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        return append(out, b.array());
    }

    private static long appendLongs(FileChannel out, long[] values) throws IOException {
        ByteBuffer b = le(values.length * 4);
        for (long v : values) {
            b.putInt((int) v);
        }
        return append(out, b.array());
    }

    /** Appends at a word boundary and returns the offset. */
    private static long append(FileChannel out, byte[] bytes) throws IOException {
        long at = out.size() + (out.size() & 1);
        out.write(ByteBuffer.wrap(bytes), at);
        return at;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
