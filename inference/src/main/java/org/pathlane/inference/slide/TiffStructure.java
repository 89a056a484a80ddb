package org.pathlane.inference.slide;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a TIFF (classic or BigTIFF) is whole: every directory, and every strip or tile it points
 * to, lies inside the file. Only the directories are read, so it costs a few reads however large the
 * file. A copy that stopped part way fails this; a whole file that OpenSlide merely does not handle (a
 * plain strip TIFF) passes and may go to ImageIO.
 */
final class TiffStructure {

    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    /** More directories than any slide has: a loop or garbage. */
    private static final int MAX_DIRECTORIES = 10_000;

    private TiffStructure() {
    }

    /** True when the file starts like a TIFF or BigTIFF ({@code II*\0}, {@code MM\0*}, {@code II+\0}, {@code MM\0+}). */
    static boolean isTiff(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            in.read(head, 0);
            if (head.position() < 4) {
                return false;
            }
            boolean little = head.get(0) == 'I' && head.get(1) == 'I';
            boolean big = head.get(0) == 'M' && head.get(1) == 'M';
            int version = little ? (head.get(2) & 0xff) | (head.get(3) & 0xff) << 8 : (head.get(2) & 0xff) << 8 | (head.get(3) & 0xff);
            return (little || big) && (version == 42 || version == 43);
        }
    }

    /** What is missing, when the file's structure reaches past its end; empty when it is whole. */
    static Optional<String> problem(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer head = read(in, 0, 16, ByteOrder.LITTLE_ENDIAN);
            if (head.limit() < 8) {
                return Optional.of("it ends inside the TIFF header");
            }
            ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            boolean big = Short.toUnsignedInt(head.getShort(2)) == 43;
            if (big && head.limit() < 16) {
                return Optional.of("it ends inside the BigTIFF header");
            }
            long ifd = big ? head.getLong(8) : Integer.toUnsignedLong(head.getInt(4));
            Set<Long> seen = new HashSet<>();
            for (int n = 0; ifd != 0; n++) {
                if (n >= MAX_DIRECTORIES || !seen.add(ifd)) {
                    return Optional.of("its image directories loop");
                }
                int countSize = big ? 8 : 2;
                int entrySize = big ? 20 : 12;
                if (ifd + countSize > size) {
                    return Optional.of(beyond("image directory " + n, ifd + countSize, size));
                }
                ByteBuffer countBuf = read(in, ifd, countSize, order);
                long count = big ? countBuf.getLong(0) : Short.toUnsignedInt(countBuf.getShort(0));
                long end = ifd + countSize + count * entrySize + (big ? 8 : 4);
                if (end > size) {
                    return Optional.of(beyond("image directory " + n, end, size));
                }
                ByteBuffer entries = read(in, ifd + countSize, (int) (count * entrySize + (big ? 8 : 4)), order);
                long[] offsets = null;
                long[] counts = null;
                for (int i = 0; i < count; i++) {
                    int at = i * entrySize;
                    int tag = Short.toUnsignedInt(entries.getShort(at));
                    if (tag == STRIP_OFFSETS || tag == TILE_OFFSETS) {
                        offsets = values(in, entries, at, big, order, size);
                    } else if (tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS) {
                        counts = values(in, entries, at, big, order, size);
                    }
                    if ((tag == STRIP_OFFSETS || tag == TILE_OFFSETS || tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS)
                            && (tag == STRIP_OFFSETS || tag == TILE_OFFSETS ? offsets : counts) == null) {
                        return Optional.of(beyond("the tile table of image " + n, size + 1, size));
                    }
                }
                if (offsets != null && counts != null) {
                    for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
                        if (counts[i] > 0 && offsets[i] + counts[i] > size) {
                            return Optional.of(beyond("the pixel data of image " + n, offsets[i] + counts[i], size));
                        }
                    }
                }
                ifd = big ? entries.getLong((int) (count * entrySize)) : Integer.toUnsignedLong(entries.getInt((int) (count * entrySize)));
            }
            return Optional.empty();
        }
    }

    private static String beyond(String what, long end, long size) {
        return what + " reaches byte " + end + " but the file has " + size + " bytes";
    }

    /** The SHORT/LONG/LONG8 values of one entry, or null when they lie beyond the end of the file. */
    private static long[] values(FileChannel in, ByteBuffer entries, int at, boolean big, ByteOrder order, long size)
            throws IOException {
        int type = Short.toUnsignedInt(entries.getShort(at + 2));
        long n = big ? entries.getLong(at + 4) : Integer.toUnsignedLong(entries.getInt(at + 4));
        int width = switch (type) {
            case 3 -> 2;
            case 4, 13 -> 4;
            case 16, 18 -> 8;
            default -> 0;
        };
        if (width == 0 || n <= 0 || n > Integer.MAX_VALUE / 8) {
            return new long[0];
        }
        long bytes = n * width;
        ByteBuffer data;
        int inline = big ? 8 : 4;
        if (bytes <= inline) {
            data = entries.duplicate().order(order).position(at + (big ? 12 : 8)).slice().order(order);
        } else {
            long offset = big ? entries.getLong(at + 12) : Integer.toUnsignedLong(entries.getInt(at + 8));
            if (offset + bytes > size) {
                return null;
            }
            data = read(in, offset, (int) bytes, order);
        }
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (width) {
                case 2 -> Short.toUnsignedInt(data.getShort(i * 2));
                case 4 -> Integer.toUnsignedLong(data.getInt(i * 4));
                default -> data.getLong(i * 8);
            };
        }
        return out;
    }

    private static ByteBuffer read(FileChannel in, long position, int length, ByteOrder order) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
