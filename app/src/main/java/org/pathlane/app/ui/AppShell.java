package org.pathlane.app.ui;

import java.util.function.Consumer;
import javafx.scene.layout.StackPane;
import org.pathlane.scheduler.engine.PasswordHasher;
import org.pathlane.app.profiles.ProfilesViewModel;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.Session;
import org.pathlane.app.ui.profiles.StartScreen;
import org.pathlane.scheduler.model.UserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The window's content once the engine is open: the start screen, then the signed-in main window. */
public final class AppShell extends StackPane {

    private static final Logger LOG = LoggerFactory.getLogger(AppShell.class);

    private final AppContext context;
    private final Consumer<String> hostOpen;
    private MainWindow window;
    private boolean dark;
    private java.util.List<java.nio.file.Path> slidesToOpen;

    /** @param slidesToOpen imported into the library of whoever signs in first (may be empty) */
    public AppShell(AppContext context, Consumer<String> hostOpen, java.util.List<java.nio.file.Path> slidesToOpen) {
        this.context = context;
        this.hostOpen = hostOpen;
        this.slidesToOpen = java.util.List.copyOf(slidesToOpen);
        this.dark = context.settings().dark();
        setId("app-shell");
        Theme.apply(dark);
        showStart();
    }

    public void showStart() {
        closeWindow();
        ProfilesViewModel profiles = new ProfilesViewModel(context.scheduler().profiles(), new PasswordHasher(), context.executors());
        getChildren().setAll(new StartScreen(profiles, this::signedIn));
    }

    private void signedIn(UserProfile user) {
        window = new MainWindow(new Session(context, user, hostOpen), this::showStart, this::toggleTheme);
        getChildren().setAll(window);
        if (!slidesToOpen.isEmpty()) {
            window.importSlides(slidesToOpen);
            slidesToOpen = java.util.List.of();
        }
    }

    private void toggleTheme() {
        dark = !dark;
        Theme.apply(dark);
        context.settings().setDark(dark);
        context.executors().background().execute(() -> {
            try {
                context.settings().save();
            } catch (java.io.IOException e) {
                LOG.warn("Could not save the theme choice in {}: {}", context.dataDir(), e.toString());
            }
        });
    }

    /** The signed-in window, or null on the start screen. */
    public MainWindow window() {
        return window;
    }

    /** Stops the signed-in screens' engine listeners. */
    public void closeWindow() {
        if (window != null) {
            window.close();
            window = null;
        }
    }
}
