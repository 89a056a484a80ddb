package org.pathlane.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look: AtlantaFX Primer (light or dark) as the user-agent stylesheet, PathLane's own CSS on top. */
public final class Theme {

    private static final String APP_CSS = Objects.requireNonNull(Theme.class.getResource("app.css"),
            "app.css missing from the build").toExternalForm();

    private Theme() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }
}
