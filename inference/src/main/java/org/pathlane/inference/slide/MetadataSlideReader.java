package org.pathlane.inference.slide;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** The accessors every reader shares, answered from the {@link SlideMetadata} read at open. */
abstract class MetadataSlideReader implements SlideReader {

    private final SlideMetadata metadata;

    MetadataSlideReader(SlideMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public final Path path() {
        return metadata.path();
    }

    @Override
    public final String id() {
        return metadata.id();
    }

    @Override
    public final String vendor() {
        return metadata.vendor();
    }

    @Override
    public final List<SlideLevel> levels() {
        return metadata.levels();
    }

    @Override
    public final OptionalDouble mppX() {
        return metadata.mppX();
    }

    @Override
    public final OptionalDouble mppY() {
        return metadata.mppY();
    }

    @Override
    public final String mppNote() {
        return metadata.mppNote();
    }

    @Override
    public final Map<String, String> properties() {
        return metadata.properties();
    }

    @Override
    public final Set<String> associatedImageNames() {
        return metadata.associatedImageNames();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + path() + ", " + vendor() + ", " + levels().size() + " levels]";
    }
}
