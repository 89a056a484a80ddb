package org.pathlane.inference.tissue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TissueMaskTest {

    /** 4x2 mask, left half tissue, each mask pixel covering 10x10 level-0 pixels. */
    private final TissueMask mask = new TissueMask(4, 2,
            new boolean[] {true, true, false, false, true, true, false, false}, 10, 10);

    @Test
    void fractionsCountTheMaskPixelsARectangleTouches() {
        assertThat(mask.fraction()).isEqualTo(0.5);
        assertThat(mask.fractionIn(0, 0, 20, 20)).isEqualTo(1.0);
        assertThat(mask.fractionIn(20, 0, 20, 20)).isZero();
        assertThat(mask.fractionIn(10, 0, 20, 10)).isCloseTo(0.5, within(1e-9));
        assertThat(mask.fractionIn(5, 5, 1, 1)).isEqualTo(1.0);
    }

    @Test
    void outsideTheSlideCountsAsBackground() {
        assertThat(mask.fractionIn(-20, 0, 40, 20)).isCloseTo(0.5, within(1e-9));
        assertThat(mask.fractionIn(100, 100, 10, 10)).isZero();
    }

    @Test
    void theImageIsWhiteWhereTissueIs() {
        var image = mask.toImage();
        assertThat(image.getRaster().getSample(0, 1, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(3, 1, 0)).isZero();
    }

    @Test
    void bordersAreNeverHolesAndSpecksAreEightConnected() {
        boolean[] m = new boolean[5 * 5];
        for (int i = 0; i < 5; i++) {
            m[i * 5 + i] = true;
        }
        MaskCleaner.removeSpecks(m, 5, 5, 5);
        assertThat(m[12]).as("a 5-pixel diagonal is one component").isTrue();
        boolean[] frame = new boolean[5 * 5];
        for (int i = 0; i < 25; i++) {
            frame[i] = i % 5 > 0;
        }
        MaskCleaner.fillHoles(frame, 5, 5, 100);
        assertThat(frame[0]).as("background on the border is kept").isFalse();
    }
}
