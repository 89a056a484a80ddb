package org.pathlane.app.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.pathlane.app.session.AppContext;
import org.pathlane.scheduler.api.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: opens the data folder and the engine in the background (the window shows
 * progress meanwhile), then the start screen, then the signed-in main window.
 */
public final class PathLaneApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(PathLaneApp.class);

    private static volatile Path dataDir;
    private static volatile List<JobHandler> handlers = List.of();
    private static volatile List<Path> slidesToOpen = List.of();

    private final StackPane root = new StackPane();
    private volatile AppContext context;
    private AppShell shell;

    /** False on a Linux/BSD machine without an X11 or Wayland display (a server, an SSH session). */
    public static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || System.getProperty("glass.platform") != null) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * Starts the app and returns when its window closes.
     *
     * @param slides files or folders to import into the library once a profile has signed in (the
     *     files a file manager passes when a slide is double-clicked); may be empty
     */
    public static void run(Path folder, List<JobHandler> jobHandlers, List<Path> slides) {
        dataDir = folder;
        handlers = List.copyOf(jobHandlers);
        slidesToOpen = List.copyOf(slides);
        Application.launch(PathLaneApp.class);
    }

    @Override
    public void start(Stage stage) {
        Theme.apply(false);
        ProgressIndicator spinner = new ProgressIndicator();
        Label opening = new Label("Opening " + dataDir + " …");
        VBox splash = new VBox(14, spinner, opening);
        splash.setAlignment(Pos.CENTER);
        root.getChildren().setAll(splash);
        Scene scene = new Scene(root, 1360, 860);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setTitle("PathLane");
        stage.show();
        Thread opener = new Thread(() -> {
            try {
                AppContext opened = AppContext.openDesktop(dataDir, handlers, Platform::runLater);
                context = opened;
                Platform.runLater(() -> {
                    shell = new AppShell(opened, uri -> getHostServices().showDocument(uri), slidesToOpen);
                    root.getChildren().setAll(shell);
                });
            } catch (Exception e) {
                LOG.error("PathLane could not open its data folder {}", dataDir, e);
                Platform.runLater(() -> {
                    opening.setText("PathLane could not open " + dataDir + ": " + e.getMessage()
                            + "\nCheck that the folder is writable and that no other PathLane uses it, then start again"
                            + " (or choose another folder with --data-dir).");
                    opening.setWrapText(true);
                    opening.getStyleClass().add("error-text");
                    splash.getChildren().remove(spinner);
                });
            }
        }, "pathlane-open");
        opener.setDaemon(true);
        opener.start();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.closeWindow();
        }
        if (context != null) {
            context.close();
        }
    }
}
