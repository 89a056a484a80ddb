package org.pathlane.inference.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test folder ({@code -Dpathlane.shared.dir}, set by surefire); tests skip when it is absent. */
public final class SharedData {

    private SharedData() {
    }

    public static Path file(String relative) {
        String dir = System.getProperty("pathlane.shared.dir");
        assumeTrue(dir != null, "pathlane.shared.dir is not set: skipping a test that needs the shared test data");
        Path path = Path.of(dir).resolve(relative);
        assumeTrue(Files.exists(path), "shared test data " + path + " is absent: skipping");
        return path;
    }

    public static Path unet() {
        return file("models/unet2d_nuclei_broad");
    }

    public static Path cmuSmallRegion() {
        return file("slides/CMU-1-Small-Region.svs");
    }
}
