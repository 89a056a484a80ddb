package org.pathlane.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleBarTest {

    @Test
    void picksARoundLengthThatFitsTheTargetWidth() {
        // 0.5 µm per pixel at zoom 1: 120 px are 60 µm, so the bar shows 50 µm (100 px).
        assertThat(ScaleBar.lengthMicrons(0.5, 1)).isEqualTo(50);
        // zoomed out 100×: 120 px are 6 mm -> 5 mm
        assertThat(ScaleBar.lengthMicrons(0.5, 0.01)).isEqualTo(5000);
        // zoomed in 16×: 120 px are 3.75 µm -> 2 µm
        assertThat(ScaleBar.lengthMicrons(0.5, 16)).isEqualTo(2);
    }

    @Test
    void labelsInMicronsOrMillimetres() {
        assertThat(ScaleBar.label(50)).isEqualTo("50 µm");
        assertThat(ScaleBar.label(5000)).isEqualTo("5 mm");
        assertThat(ScaleBar.label(0.5)).isEqualTo("0.5 µm");
        assertThat(ScaleBar.label(2000)).isEqualTo("2 mm");
    }
}
