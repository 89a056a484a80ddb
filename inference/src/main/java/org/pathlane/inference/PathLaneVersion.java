package org.pathlane.inference;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The PathLane version a result was made with, as the build stamped it. */
public final class PathLaneVersion {

    private static final String VERSION = read();

    private PathLaneVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        String installed = System.getProperty("jpackage.app-version"); // set by the installed launcher
        if (installed != null && !installed.isBlank()) {
            return installed;
        }
        try (InputStream in = PathLaneVersion.class.getResourceAsStream("pathlane-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: an unstamped build says so
        }
        return "development build";
    }
}
