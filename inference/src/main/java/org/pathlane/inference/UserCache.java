package org.pathlane.inference;

import java.nio.file.Path;

/**
 * Where PathLane keeps what it unpacks for a user (zipped models, PyTorch's native library): per user, never
 * the shared temp folder, where another account could plant files under a predictable name.
 */
public final class UserCache {

    private UserCache() {
    }

    /**
     * {@code -D<property>} if set, else {@code $XDG_CACHE_HOME/pathlane/<name>}, else
     * {@code %LOCALAPPDATA%\\PathLane\\<name>} on Windows, else {@code ~/.cache/pathlane/<name>}.
     */
    public static Path dir(String property, String name) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "pathlane", name);
        }
        String local = System.getenv("LOCALAPPDATA");
        if (local != null && !local.isBlank() && System.getProperty("os.name", "").startsWith("Windows")) {
            return Path.of(local, "PathLane", name);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pathlane", name);
    }
}
