package org.pathlane.viewer.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapeGridTest {

    @Test
    void findsExactlyTheShapesOverlappingARectangle() {
        Random random = new Random(42);
        ShapeGrid grid = new ShapeGrid(512);
        List<OverlayShape> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            float x = random.nextFloat() * 20_000;
            float y = random.nextFloat() * 20_000;
            // mostly nuclei, now and then an annotation larger than a cell
            float s = i % 500 == 0 ? 3000 : 4 + random.nextFloat() * 40;
            OverlayShape shape = OverlayShape.polygon(x, y, x + s, y, x + s / 2, y + s);
            all.add(shape);
            grid.add(shape);
        }
        for (int q = 0; q < 50; q++) {
            double x0 = random.nextDouble() * 19_000;
            double y0 = random.nextDouble() * 19_000;
            double x1 = x0 + random.nextDouble() * 3000;
            double y1 = y0 + random.nextDouble() * 3000;
            List<OverlayShape> expected = all.stream()
                    .filter(s -> s.maxX() >= x0 && s.minX() <= x1 && s.maxY() >= y0 && s.minY() <= y1).toList();
            List<OverlayShape> found = new ArrayList<>();
            grid.query(x0, y0, x1, y1, found::add);
            assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
            double estimate = grid.estimate(x0, y0, x1, y1);
            assertThat(estimate).isBetween(expected.size() * 0.5 - 20, expected.size() * 1.5 + 60);
        }
        assertThat(grid.size()).isEqualTo(20_000);
    }

    @Test
    void rejectsOutlinesWithoutThreePoints() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OverlayShape.polygon(1, 2, 3, 4))
                .hasMessageContaining("three");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OverlayShape.polygon(1, 2, 3, Float.NaN, 5, 6))
                .hasMessageContaining("finite");
    }
}
