package org.pathlane.inference.slide;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The facts a reader learns at open and never change: what {@link SlideReader}'s accessors return (in file order).
 *
 * @param mppNote why the file's own microns per pixel were not believed; empty when they were, or it gave none
 */
record SlideMetadata(Path path, String id, String vendor, List<SlideLevel> levels, Map<String, String> properties,
        Set<String> associatedImageNames, OptionalDouble mppX, OptionalDouble mppY, String mppNote) {

    SlideMetadata {
        levels = List.copyOf(levels);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        associatedImageNames = Collections.unmodifiableSet(new LinkedHashSet<>(associatedImageNames));
    }
}
