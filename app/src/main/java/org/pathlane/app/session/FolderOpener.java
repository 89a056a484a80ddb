package org.pathlane.app.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shows a folder in the desktop's file manager, and says when that did not happen. JavaFX's
 * {@code HostServices.showDocument} returns nothing and only logs when no file manager answers, so the user
 * clicked "Open folder" and saw nothing; this runs the desktop's own opener and reports its failure.
 */
@FunctionalInterface
public interface FolderOpener {

    /** @throws IOException saying why no file manager showed the folder */
    void open(Path folder) throws IOException;

    /** The opener of this desktop: {@code xdg-open} on Linux and BSD, {@code open} on macOS, Explorer on Windows. */
    static FolderOpener system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return command(List.of("explorer.exe"), false);
        }
        return command(List.of(os.contains("mac") ? "open" : "xdg-open"), true);
    }

    /**
     * Runs {@code program} with the folder as its last argument.
     *
     * @param exitCodeMeansFailure whether a non-zero exit is a failure (Explorer exits 1 when it worked)
     */
    static FolderOpener command(List<String> program, boolean exitCodeMeansFailure) {
        return folder -> {
            List<String> cmd = new ArrayList<>(program);
            cmd.add(folder.toString());
            Process process;
            try {
                process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IOException("no file manager could be started (" + program.getFirst() + " is not installed)", e);
            }
            try {
                // An opener that is still running after a while has handed the folder to a file manager.
                if (process.waitFor(15, TimeUnit.SECONDS) && exitCodeMeansFailure && process.exitValue() != 0) {
                    String said = new String(process.getErrorStream().readNBytes(2_000), StandardCharsets.UTF_8).strip();
                    throw new IOException(program.getFirst() + " found no file manager for it (exit code " + process.exitValue()
                            + (said.isEmpty() ? "" : ": " + said.lines().findFirst().orElse("")) + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the file manager started", e);
            }
        };
    }
}
