package org.pathlane.app.live;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.pathlane.inference.segment.TileCells;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.viewer.overlay.OverlayShape;

/** A segmentation job's per-tile event as the viewer's outlines (level-0 pixels, as both use). */
public final class NucleusShapes {

    private NucleusShapes() {
    }

    /** The outlines of a {@link TileCells} payload; anything else a job emits gives none. */
    public static List<OverlayShape> from(Object payload) {
        if (!(payload instanceof TileCells tile)) {
            return List.of();
        }
        List<OverlayShape> shapes = new ArrayList<>(tile.cells().size());
        for (Nucleus n : tile.cells()) {
            Coordinate[] ring = n.polygon().getExteriorRing().getCoordinates();
            if (ring.length < 3) {
                continue;
            }
            float[] xy = new float[ring.length * 2];
            for (int i = 0; i < ring.length; i++) {
                xy[2 * i] = (float) ring[i].x;
                xy[2 * i + 1] = (float) ring[i].y;
            }
            shapes.add(OverlayShape.polygon(xy));
        }
        return shapes;
    }
}
