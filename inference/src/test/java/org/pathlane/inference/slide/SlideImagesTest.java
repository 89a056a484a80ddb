package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlideImagesTest {

    @Test
    void opaquePixelsAreUntouchedAndTransparentOnesBecomeZero() {
        int[] px = {0xff102030, 0x00405060, 0x00000000};
        SlideImages.unpremultiply(px, 0, px.length);
        assertThat(px).containsExactly(0xff102030, 0, 0);
    }

    @Test
    void halfTransparentPixelsAreDividedByAlphaWithRounding() {
        // 50% alpha, premultiplied (64, 32, 0) is straight (128, 64, 0) after rounding.
        int[] px = {(128 << 24) | (64 << 16) | (32 << 8)};
        SlideImages.unpremultiply(px, 0, 1);
        assertThat(px[0]).isEqualTo((128 << 24) | (128 << 16) | (64 << 8));
    }

    @Test
    void onlyTheRequestedRangeIsConverted() {
        int[] px = {0x80402000, 0x80402000};
        SlideImages.unpremultiply(px, 1, 1);
        assertThat(px[0]).isEqualTo(0x80402000);
        assertThat(px[1]).isEqualTo(0x80804000);
    }

    @Test
    void compositingOnWhiteTurnsTransparencyIntoGlass() {
        var argb = SlideImages.newArgb(2, 1);
        argb.setRGB(1, 0, 0xff112233);
        var rgb = SlideImages.onWhite(argb);
        assertThat(rgb.getRGB(0, 0)).isEqualTo(0xffffffff);
        assertThat(rgb.getRGB(1, 0)).isEqualTo(0xff112233);
    }
}
