package org.pathlane.app.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.session.Session;
import org.pathlane.app.ui.profiles.AvatarView;

/**
 * The signed-in window: a navigation rail (Dashboard, Workflow editor, Slides, Viewer, Results, Settings)
 * and the current screen. Screens are made on first visit and kept, so the editor keeps its draft.
 */
public final class MainWindow extends BorderPane implements Navigator {

    /** The screens of the rail, in order. */
    public enum Screen {
        DASHBOARD("Dashboard"), EDITOR("Workflow editor"), SLIDES("Slides"), VIEWER("Viewer"), RESULTS("Results"), SETTINGS("Settings");

        final String label;

        Screen(String label) {
            this.label = label;
        }
    }

    private final Session session;
    private final ScreenFactory screens;
    private final Map<Screen, Node> made = new LinkedHashMap<>();
    private final Map<Screen, Button> buttons = new LinkedHashMap<>();

    public MainWindow(Session session, Runnable onSignOut, Runnable onToggleTheme) {
        this.session = session;
        this.screens = new ScreenFactory(session, this);
        setId("main-window");
        VBox rail = new VBox();
        rail.getStyleClass().add("nav-rail");
        Label brand = new Label("PathLane");
        brand.getStyleClass().add("brand");
        rail.getChildren().add(brand);
        for (Screen s : Screen.values()) {
            Button b = new Button(s.label);
            b.setId("nav-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add("nav-button");
            b.setOnAction(e -> show(s));
            buttons.put(s, b);
            rail.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label who = new Label(session.user().name() + (session.admin() ? " (admin)" : ""));
        who.setId("signed-in-as");
        who.setWrapText(true);
        HBox user = new HBox(8, new AvatarView(session.user(), 30), who);
        user.setAlignment(Pos.CENTER_LEFT);
        user.setPadding(new Insets(8, 4, 8, 4));
        Button theme = new Button("Light / dark");
        theme.getStyleClass().add("nav-button");
        theme.setOnAction(e -> onToggleTheme.run());
        Button signOut = new Button("Switch profile");
        signOut.setId("switch-profile");
        signOut.getStyleClass().add("nav-button");
        signOut.setOnAction(e -> screens.editor().confirmLeaving("Switch profile")
                .ifPresentOrElse(q -> Confirm.ask(this, q, onSignOut), onSignOut));
        rail.getChildren().addAll(spacer, user, theme, signOut);
        setLeft(rail);
        show(Screen.DASHBOARD);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY_OR_MOVE);
            }
        });
        setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) {
                importSlides(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            }
            e.setDropCompleted(files);
            e.consume();
        });
    }

    /** Slide files or folders dropped anywhere on the window go into the library, shown on the Slides screen. */
    public void importSlides(java.util.List<Path> paths) {
        show(Screen.SLIDES);
        screens.library().importPaths(paths);
    }

    public void show(Screen screen) {
        Node node = made.computeIfAbsent(screen, screens::make);
        setCenter(node);
        if (node instanceof org.pathlane.app.ui.viewer.ViewerScreen viewer) {
            viewer.focusViewer();
        }
        buttons.forEach((s, b) -> {
            b.getStyleClass().remove("active");
            if (s == screen) {
                b.getStyleClass().add("active");
            }
        });
    }

    @Override
    public void openInViewer(String slidePath, JobRow job) {
        show(Screen.VIEWER);
        screens.viewer().open(slidePath, job);
    }

    @Override
    public void watch(JobRow job) {
        if (job.slide() != null) {
            openInViewer(job.slide(), job);
        } else {
            openResults(job);
        }
    }

    @Override
    public void openResults(JobRow job) {
        show(Screen.RESULTS);
        screens.results().select(job);
    }

    @Override
    public void openEditor() {
        show(Screen.EDITOR);
    }

    /** What quitting now would lose from the editor, asked before the window closes. */
    public java.util.Optional<org.pathlane.app.confirm.Confirmation> confirmQuitDraft() {
        return screens.editor().confirmLeaving("Quit");
    }

    /** The signed-in profile. */
    public Session session() {
        return session;
    }

    /** Stops the screens' engine listeners; the window is being left. */
    public void close() {
        screens.close();
    }
}
