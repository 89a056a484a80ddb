package org.pathlane.packaging.icon;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.packaging.TargetPlatform;

class IconFilesTest {

    private static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a decodable PNG").isNotNull();
        return image;
    }

    @Test
    void iconIsARoundedTileWithTransparentCornersAndAPicture() throws Exception {
        BufferedImage icon = decode(IconFiles.png(128));

        assertThat(icon.getWidth()).isEqualTo(128);
        assertThat(icon.getRGB(0, 0) >>> 24).as("corner alpha").isZero();
        assertThat(icon.getRGB(64, 64) >>> 24).as("centre alpha").isEqualTo(255);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 128; y += 2) {
            for (int x = 0; x < 128; x += 2) {
                colours.add(icon.getRGB(x, y));
            }
        }
        assertThat(colours).as("distinct colours: a drawing, not a flat square").hasSizeGreaterThan(20);
    }

    @Test
    void windowsIconHoldsEverySizeAsPng() throws Exception {
        ByteBuffer ico = ByteBuffer.wrap(IconFiles.ico()).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(ico.getShort(0)).isZero();
        assertThat(ico.getShort(2)).as("type: icon").isEqualTo((short) 1);
        assertThat(ico.getShort(4)).isEqualTo((short) IconFiles.ICO_SIZES.length);
        for (int i = 0; i < IconFiles.ICO_SIZES.length; i++) {
            int entry = 6 + 16 * i;
            int declared = Byte.toUnsignedInt(ico.get(entry)) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry));
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            byte[] png = Arrays.copyOfRange(ico.array(), offset, offset + length);
            assertThat(declared).isEqualTo(IconFiles.ICO_SIZES[i]);
            assertThat(decode(png).getWidth()).isEqualTo(declared);
        }
    }

    @Test
    void macIconIsAValidIcnsWithRetinaSizes() throws Exception {
        byte[] bytes = IconFiles.icns();
        ByteBuffer icns = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);

        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(icns.getInt(4)).isEqualTo(bytes.length);
        int at = 8;
        for (int i = 0; i < IconFiles.ICNS_TYPES.length; i++) {
            assertThat(new String(bytes, at, 4, StandardCharsets.US_ASCII)).isEqualTo(IconFiles.ICNS_TYPES[i]);
            int length = icns.getInt(at + 4);
            assertThat(decode(Arrays.copyOfRange(bytes, at + 8, at + length)).getWidth()).isEqualTo(IconFiles.ICNS_SIZES[i]);
            at += length;
        }
        assertThat(at).isEqualTo(bytes.length);
    }

    @Test
    void writesThePlatformsFormat(@TempDir Path dir) {
        assertThat(IconFiles.write(TargetPlatform.LINUX, dir).getFileName()).hasToString("PathLane.png");
        assertThat(IconFiles.write(TargetPlatform.WINDOWS, dir).getFileName()).hasToString("PathLane.ico");
        assertThat(IconFiles.write(TargetPlatform.MAC, dir).getFileName()).hasToString("PathLane.icns");
    }
}
