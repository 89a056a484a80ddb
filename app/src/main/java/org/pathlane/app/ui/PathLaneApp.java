package org.pathlane.app.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.app.quit.QuitCheck;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.AppSettings;
import org.pathlane.app.session.WindowPlacement;
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
    private static volatile org.pathlane.app.session.LabConnection lab;

    private final StackPane root = new StackPane();
    private volatile AppContext context;
    private AppShell shell;
    private boolean quitConfirmed;
    /** The user quit with jobs to finish and chose to keep them running: {@link #stop()} starts the runner. */
    private volatile boolean keepRunning;

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
        run(folder, jobHandlers, slides, null);
    }

    /** @param labToJoin the lab database to join for this run ({@code --db}), or null for what Settings say */
    public static void run(Path folder, List<JobHandler> jobHandlers, List<Path> slides,
            org.pathlane.app.session.LabConnection labToJoin) {
        lab = labToJoin;
        dataDir = folder;
        handlers = List.copyOf(jobHandlers);
        slidesToOpen = List.copyOf(slides);
        Application.launch(PathLaneApp.class);
    }

    @Override
    public void start(Stage stage) {
        Theme.apply(false);
        GtkRecentFiles.disable().ifPresent(why -> LOG.info("File dialogs may list recently used files: {}", why));
        ProgressIndicator spinner = new ProgressIndicator();
        Label opening = new Label("Opening " + dataDir + " …");
        VBox splash = new VBox(14, spinner, opening);
        splash.setAlignment(Pos.CENTER);
        root.getChildren().setAll(splash);
        // Where it was last time, moved onto a screen that is there now with its title bar reachable.
        WindowPlacement.Box placed = WindowPlacement.place(AppSettings.peekWindow(dataDir.resolve("settings.json")),
                Screen.getScreens().stream()
                        .sorted(java.util.Comparator.comparing((Screen s) -> !s.equals(Screen.getPrimary())))
                        .map(s -> new WindowPlacement.Box(s.getVisualBounds().getMinX(), s.getVisualBounds().getMinY(),
                                s.getVisualBounds().getWidth(), s.getVisualBounds().getHeight()))
                        .toList());
        Scene scene = new Scene(root, placed.width(), placed.height());
        Theme.style(scene);
        stage.setScene(scene);
        stage.setTitle("PathLane");
        stage.setX(placed.x());
        stage.setY(placed.y());
        stage.setOnCloseRequest(e -> {
            if (!quitConfirmed && context != null) {
                e.consume();
                askBeforeQuit(stage);
            }
        });
        stage.show();
        Thread opener = new Thread(() -> {
            try {
                AppContext opened = AppContext.openDesktop(dataDir, handlers, Platform::runLater, lab,
                        say -> Platform.runLater(() -> opening.setText(say)));
                context = opened;
                Platform.runLater(() -> {
                    shell = new AppShell(opened, uri -> getHostServices().showDocument(uri), slidesToOpen);
                    root.getChildren().setAll(shell);
                });
            } catch (Exception e) {
                LOG.error("PathLane could not open its data folder {}", dataDir, e);
                Platform.runLater(() -> {
                    String why = String.valueOf(e.getMessage());
                    opening.setText(why.startsWith("lab database")
                            ? "PathLane could not join the " + why + "\nCheck the address, the credentials and that the"
                                    + " database server is reachable, then start again; ./pathlane --db local uses this"
                                    + " workstation's own database instead (Settings → Lab database to change it for good)."
                            : "PathLane could not open " + dataDir + ": " + why
                                    + "\nCheck that the folder is writable and that no other PathLane uses it, then start"
                                    + " again (or choose another folder with --data-dir).");
                    opening.setWrapText(true);
                    opening.getStyleClass().add("error-text");
                    splash.getChildren().remove(spinner);
                });
            }
        }, "pathlane-open");
        opener.setDaemon(true);
        opener.start();
    }

    /**
     * Closing the window stops the embedded engine and with it every running job, and drops an unsaved draft:
     * asks about each first (in the background: the engine is asked what is running), then closes.
     */
    private void askBeforeQuit(Stage stage) {
        AppContext open = context;
        MainWindow window = shell == null ? null : shell.window();
        List<Confirmation> questions = new ArrayList<>();
        if (window != null) {
            window.confirmQuitDraft().ifPresent(questions::add);
        }
        String user = window == null ? null : window.session().userName();
        open.executors().background().execute(() -> {
            Optional<Confirmation> jobs;
            try {
                jobs = new QuitCheck(open.scheduler(), open.dataDir()).question(user);
            } catch (RuntimeException e) {
                LOG.info("Could not ask the engine what is running before quitting: {}", e.toString());
                jobs = Optional.empty();
            }
            jobs.ifPresent(questions::add);
            Platform.runLater(() -> askInTurn(stage, questions, 0));
        });
    }

    private void askInTurn(Stage stage, List<Confirmation> questions, int next) {
        if (next < questions.size()) {
            Confirm.ask(root, questions.get(next), () -> askInTurn(stage, questions, next + 1), () -> {
                keepRunning = true;
                askInTurn(stage, questions, next + 1);
            });
            return;
        }
        quitConfirmed = true;
        if (!stage.isMaximized() && !stage.isIconified() && context != null) {
            context.settings().setWindow(new WindowPlacement.Box(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        }
        stage.close();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.closeWindow();
        }
        if (context != null) {
            try {
                context.settings().save();
            } catch (java.io.IOException e) {
                LOG.warn("Could not save the window's place in {}: {}", context.dataDir(), e.toString());
            }
            context.close();
            if (keepRunning) {
                try {
                    // The database is closed: the runner opens it in a process of its own and finishes the queue.
                    org.pathlane.app.quit.BackgroundRunner.start(context.dataDir());
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.error("Could not start the background runner on {}; the jobs start again the next time PathLane"
                            + " opens this folder", context.dataDir(), e);
                }
            }
        }
    }
}
