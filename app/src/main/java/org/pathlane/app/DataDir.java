package org.pathlane.app;

import java.nio.file.Path;

/**
 * Where PathLane keeps its database, slides library and results: {@code --data-dir}, else
 * {@code PATHLANE_HOME}, else {@code ~/.pathlane}.
 */
public final class DataDir {

    public static final String ENV = "PATHLANE_HOME";

    private DataDir() {
    }

    public static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".pathlane");
    }
}
