package org.pathlane.app.ui;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps GTK's file dialogs from recording or offering recently used files. Every profile of a workstation runs
 * as the same desktop user, so GTK's "Recent" list showed one profile the slides and results another had
 * opened. JavaFX has no option for it; GTK has the setting {@code gtk-recent-files-enabled} ("if FALSE, the
 * list will always be empty"), set here for this process only (the user's desktop settings are untouched)
 * through the GTK library JavaFX already loaded.
 */
final class GtkRecentFiles {

    private GtkRecentFiles() {
    }

    /**
     * Turns the recent-files list off; call on the FX thread (GTK's main thread) once the toolkit runs.
     *
     * @return empty when done, else why it was not (not GTK, no display, an unexpected GTK)
     */
    static Optional<String> disable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String platform = System.getProperty("glass.platform");
        if (os.contains("win") || os.contains("mac") || (platform != null && !platform.equalsIgnoreCase("gtk"))) {
            return Optional.of("the file dialogs are not GTK's here");
        }
        try {
            // Only a GTK that JavaFX loaded and initialised: loading one here would give an uninitialised toolkit.
            if (!Files.readString(Path.of("/proc/self/maps")).contains("libgtk-3.so")) {
                return Optional.of("JavaFX did not load GTK 3");
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot tell which GTK JavaFX uses (" + e.getMessage() + ")");
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup gtk = SymbolLookup.libraryLookup("libgtk-3.so.0", Arena.global());
            SymbolLookup gobject = SymbolLookup.libraryLookup("libgobject-2.0.so.0", Arena.global());
            MethodHandle settingsOf = linker.downcallHandle(gtk.findOrThrow("gtk_settings_get_default"), FunctionDescriptor.of(ADDRESS));
            MethodHandle set = linker.downcallHandle(gobject.findOrThrow("g_object_set"),
                    FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2));
            MemorySegment settings = (MemorySegment) settingsOf.invokeExact();
            if (settings.equals(MemorySegment.NULL)) {
                return Optional.of("GTK has no settings (no display)");
            }
            try (Arena arena = Arena.ofConfined()) {
                set.invokeExact(settings, arena.allocateFrom("gtk-recent-files-enabled"), 0, MemorySegment.NULL);
            }
            return Optional.empty();
        } catch (Throwable e) {
            return Optional.of("GTK refused (" + e + ")");
        }
    }
}
