package org.pathlane.app.ui.dashboard;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.ui.Navigator;
import org.pathlane.app.ui.Theme;

/** The dashboard alone in a themed window, its links to other screens going nowhere: for the card tests. */
final class DashboardScene {

    private static final Navigator NOWHERE = new Navigator() {
        @Override
        public void openInViewer(String slidePath, JobRow job) {
        }

        @Override
        public void watch(JobRow job) {
        }

        @Override
        public void openResults(JobRow job) {
        }

        @Override
        public void openEditor() {
        }
    };

    private DashboardScene() {
    }

    static void show(Stage stage, DashboardViewModel dashboard) {
        Theme.apply(false);
        Scene scene = new Scene(new DashboardView(dashboard, NOWHERE, false), 1100, 700);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }
}
