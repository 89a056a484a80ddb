package org.pathlane.inference.slide;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable id for a slide file's content, cheap enough for 100 GB files: SHA-256 over the size, the
 * first and the last 64 KiB. A copied or renamed file keeps its id; a changed file gets a new one.
 */
final class SlideIdentity {

    private static final int SAMPLE = 64 * 1024;

    private SlideIdentity() {
    }

    static String of(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
            digest(sha, channel, 0, (int) Math.min(SAMPLE, size));
            if (size > SAMPLE) {
                long start = Math.max(SAMPLE, size - SAMPLE);
                digest(sha, channel, start, (int) (size - start));
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    private static void digest(MessageDigest sha, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        sha.update(buffer.flip());
    }
}
