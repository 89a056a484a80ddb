package org.pathlane.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pathlane.inference.segment.TileCells;
import org.pathlane.inference.stitch.Nucleus;

class NucleusShapesTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Test
    void aTileEventBecomesOneOutlinePerNucleus() {
        var shapes = NucleusShapes.from(new TileCells(1, 2, List.of(square(0, 0), square(40, 40))));
        assertThat(shapes).hasSize(2);
        assertThat(shapes.get(1).minX()).isEqualTo(40f);
        assertThat(shapes.get(1).maxY()).isEqualTo(52f);
        assertThat(NucleusShapes.from("something else")).isEmpty();
    }

    private static Nucleus square(double x, double y) {
        var polygon = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + 12, y),
                new Coordinate(x + 12, y + 12), new Coordinate(x, y + 12), new Coordinate(x, y)});
        return new Nucleus(polygon, x + 6, y + 6, 144, 48, 0.3, 0, 0);
    }
}
