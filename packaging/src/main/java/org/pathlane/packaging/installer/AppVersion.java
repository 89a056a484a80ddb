package org.pathlane.packaging.installer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

/**
 * The installer's version, from the Maven version: {@code 0.1.0-SNAPSHOT} installs as {@code 0.1.0}.
 * Installers accept only numbers; each platform adds its own limits, checked before jpackage runs.
 */
public record AppVersion(int major, int minor, int patch) {

    private static final Pattern MAVEN = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-.].*)?");

    public static AppVersion fromMaven(String version) {
        Matcher m = MAVEN.matcher(version.strip());
        if (!m.matches()) {
            throw new PackagingException("The project version '" + version
                    + "' does not start with numbers (MAJOR.MINOR.PATCH): set <version> in the root pom.xml to e.g. 1.2.0.");
        }
        return new AppVersion(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)));
    }

    private static int number(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }

    /** Refuses versions the platform's installer format cannot carry, saying which rule and what to do. */
    public AppVersion checkFor(TargetPlatform platform) {
        if (platform == TargetPlatform.MAC && major == 0) {
            throw new PackagingException("macOS bundles need a version whose first number is at least 1 (jpackage refuses "
                    + text() + "): release the dmg from a 1.x version.");
        }
        if (platform == TargetPlatform.WINDOWS && (major > 255 || minor > 255 || patch > 65535)) {
            throw new PackagingException("Windows installers allow versions up to 255.255.65535, not " + text() + ".");
        }
        return this;
    }

    public String text() {
        return major + "." + minor + "." + patch;
    }
}
