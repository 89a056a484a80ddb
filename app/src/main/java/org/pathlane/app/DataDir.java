package org.pathlane.app;

import java.nio.file.Path;

/**
 * Where PathLane keeps its database, slides library and results: {@code --data-dir}, else
 * {@code PATHLANE_HOME}, else the folder chosen in the app's settings, else {@code ~/.pathlane}.
 */
public final class DataDir {

    public static final String ENV = "PATHLANE_HOME";
    /** The user preference (java.util.prefs) holding the folder chosen in the app's settings. */
    public static final String PREFERENCE = "dataDir";

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
        String chosen = java.util.prefs.Preferences.userNodeForPackage(DataDir.class).get(PREFERENCE, null);
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".pathlane");
    }
}
