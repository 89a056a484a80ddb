package org.pathlane.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    private final Viewport view = new Viewport(5000, 3000, 0.25, 800, 600);

    @Test
    void screenAndImageCoordinatesAreInverse() {
        assertThat(view.toScreenX(view.toImageX(123.5))).isCloseTo(123.5, within(1e-9));
        assertThat(view.toScreenY(view.toImageY(17))).isCloseTo(17, within(1e-9));
        assertThat(view.toImageX(400)).isEqualTo(5000);
        assertThat(view.minX()).isEqualTo(5000 - 400 / 0.25);
    }

    @Test
    void zoomAroundKeepsThePointUnderTheCursor() {
        double ix = view.toImageX(650);
        double iy = view.toImageY(120);
        Viewport zoomed = view.zoomAround(650, 120, 1.7);
        assertThat(zoomed.zoom()).isEqualTo(1.7);
        assertThat(zoomed.toImageX(650)).isCloseTo(ix, within(1e-6));
        assertThat(zoomed.toImageY(120)).isCloseTo(iy, within(1e-6));
    }

    @Test
    void panMovesTheImageWithTheDrag() {
        double ix = view.toImageX(100);
        Viewport panned = view.panBy(37, -12);
        assertThat(panned.toImageX(137)).isCloseTo(ix, within(1e-9));
        assertThat(panned.toImageY(300 - 12)).isCloseTo(view.toImageY(300), within(1e-9));
    }

    @Test
    void fitShowsTheWholeImageCentred() {
        Viewport fit = Viewport.fit(31080, 29670, 800, 600);
        assertThat(fit.zoom()).isCloseTo(600.0 / 29670, within(1e-12));
        assertThat(fit.minY()).isCloseTo(0, within(1e-6));
        assertThat(fit.maxY()).isCloseTo(29670, within(1e-6));
        assertThat(fit.minX()).isLessThan(0);
        assertThat(fit.maxX()).isGreaterThan(31080);
    }

    @Test
    void rejectsAZoomThatIsNotPositive() {
        assertThatThrownBy(() -> new Viewport(0, 0, 0, 10, 10)).hasMessageContaining("zoom");
        assertThatThrownBy(() -> new Viewport(0, 0, Double.NaN, 10, 10)).hasMessageContaining("zoom");
    }
}
