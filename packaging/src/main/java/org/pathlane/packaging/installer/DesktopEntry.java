package org.pathlane.packaging.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Linux menu entry, given to jpackage as a resource. jpackage's own template starts the launcher
 * without a field code, so a slide double-clicked in the file manager would open an empty PathLane;
 * {@code %F} passes the files. jpackage fills in the upper-case placeholders.
 */
public final class DesktopEntry {

    static final String TEMPLATE = """
            [Desktop Entry]
            Name=APPLICATION_NAME
            GenericName=Whole-slide image workflows
            Comment=APPLICATION_DESCRIPTION
            Exec=APPLICATION_LAUNCHER %F
            Icon=APPLICATION_ICON
            Terminal=false
            Type=Application
            Categories=DEPLOY_BUNDLE_CATEGORY
            Keywords=pathology;slide;WSI;microscopy;histology;segmentation;
            DESKTOP_MIMES
            """;

    private DesktopEntry() {
    }

    /** Writes the template as {@code <launcher>.desktop} into the jpackage resource folder {@code dir}. */
    public static Path write(Path dir) {
        Path file = dir.resolve(JpackageArguments.NAME + ".desktop");
        try {
            Files.createDirectories(dir);
            return Files.writeString(file, TEMPLATE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the desktop entry " + file, e);
        }
    }
}
