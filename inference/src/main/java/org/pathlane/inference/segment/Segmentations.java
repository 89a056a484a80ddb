package org.pathlane.inference.segment;

import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.tissue.TissueDetector;

/** The segmentation everyone uses: slides opened with {@link Slides}, tissue found by {@link TissueDetector}. */
public final class Segmentations {

    private Segmentations() {
    }

    public static Segmentation standard() {
        TissueDetector tissue = TissueDetector.defaults();
        return new Segmentation(Slides::open, tissue::detect);
    }
}
