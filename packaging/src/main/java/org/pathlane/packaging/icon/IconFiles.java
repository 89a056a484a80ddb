package org.pathlane.packaging.icon;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.pathlane.packaging.TargetPlatform;

/**
 * The icon in each platform's format: PNG (Linux), ICO (Windows) and ICNS (macOS). ICO and ICNS
 * both accept PNG-compressed images inside, so all three are built from {@link IconPainter}'s PNGs.
 */
public final class IconFiles {

    static final int[] ICO_SIZES = {16, 32, 48, 256};
    /** ICNS types holding PNG data: 128, 256, 512 and 1024 (512@2x) pixels. */
    static final String[] ICNS_TYPES = {"ic07", "ic08", "ic09", "ic10"};
    static final int[] ICNS_SIZES = {128, 256, 512, 1024};

    private IconFiles() {
    }

    /** Writes {@code PathLane.<png|ico|icns>} for {@code platform} into {@code dir}. */
    public static Path write(TargetPlatform platform, Path dir) {
        try {
            Files.createDirectories(dir);
            return switch (platform) {
                case LINUX -> Files.write(dir.resolve("PathLane.png"), png(512));
                case WINDOWS -> Files.write(dir.resolve("PathLane.ico"), ico());
                case MAC -> Files.write(dir.resolve("PathLane.icns"), icns());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the icon into " + dir, e);
        }
    }

    static byte[] png(int size) {
        BufferedImage image = IconPainter.paint(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the " + size + " px icon as PNG", e);
        }
        return out.toByteArray();
    }

    /** ICONDIR, one ICONDIRENTRY per size (little-endian), then the PNGs. */
    static byte[] ico() {
        List<byte[]> images = new ArrayList<>();
        for (int size : ICO_SIZES) {
            images.add(png(size));
        }
        int headerSize = 6 + 16 * images.size();
        int total = headerSize + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        int offset = headerSize;
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES[i];
            buf.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buf.put((byte) 0).put((byte) 0);
            buf.putShort((short) 1).putShort((short) 32);
            buf.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(buf::put);
        return buf.array();
    }

    /** 'icns', total length, then (type, length including its 8-byte header, PNG) per image; big-endian. */
    static byte[] icns() {
        List<byte[]> images = new ArrayList<>();
        for (int size : ICNS_SIZES) {
            images.add(png(size));
        }
        int total = 8 + images.stream().mapToInt(b -> b.length + 8).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        buf.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(total);
        for (int i = 0; i < images.size(); i++) {
            buf.put(ICNS_TYPES[i].getBytes(StandardCharsets.US_ASCII)).putInt(images.get(i).length + 8).put(images.get(i));
        }
        return buf.array();
    }
}
