package org.pathlane.inference.slide;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Public access to the test TIFF writer for tests in other packages. */
public final class TiffPyramids {

    private TiffPyramids() {
    }

    /** A generic-tiff pyramid whose TIFF resolution tags give {@code mpp} µm/px. */
    public static Path writeWithMpp(Path file, List<BufferedImage> levels, int tile, double mpp) throws IOException {
        return new TiffPyramidWriter(tile).pixelsPerCm(10_000 / mpp).write(file, levels);
    }
}
