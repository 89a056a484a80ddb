package org.pathlane.packaging.installer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options every installed launcher starts PathLane with. {@code $APPDIR} is the launcher's
 * app folder ({@code /opt/pathlane/lib/app}, {@code PathLane.app/Contents/app}, ...), expanded by
 * the jpackage launcher at start.
 */
public final class LauncherOptions {

    /** The folder under the app folder with ONNX Runtime's extracted libraries. */
    public static final String ONNX_RUNTIME_FOLDER = "native/onnxruntime";
    /** The folder under the app folder with OpenSlide's bundled library (Windows, macOS). */
    public static final String OPENSLIDE_FOLDER = "native/openslide";

    private LauncherOptions() {
    }

    /**
     * @param javaFxModules the JavaFX modules in the runtime (those that load natives need native access)
     * @param openSlideLibrary the bundled OpenSlide library's file name, if one is bundled
     */
    public static List<String> javaOptions(List<String> javaFxModules, Optional<String> openSlideLibrary) {
        List<String> options = new ArrayList<>();
        // OpenSlide through FFM and ONNX Runtime through JNI (class path), JavaFX's own libraries (module).
        String nativeAccess = javaFxModules.contains("javafx.graphics") ? "ALL-UNNAMED,javafx.graphics" : "ALL-UNNAMED";
        options.add("--enable-native-access=" + nativeAccess);
        // Slides and tile batches are big: let the heap use most of the machine, not the default quarter.
        options.add("-XX:MaxRAMPercentage=70");
        options.add("-Donnxruntime.native.path=$APPDIR/" + ONNX_RUNTIME_FOLDER);
        openSlideLibrary.ifPresent(lib -> options.add("-Dpathlane.openslide=$APPDIR/" + OPENSLIDE_FOLDER + "/" + lib));
        return List.copyOf(options);
    }

    /** The Windows console launcher's properties: same app, a console, no second menu entry. */
    public static String windowsCliLauncherProperties() {
        return "win-console=true\nwin-shortcut=false\nwin-menu=false\n";
    }
}
