package org.pathlane.app.viewer;

import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.pathlane.viewer.SlideViewer;

/**
 * A {@link SlideViewer} of a fixed size in a scene of its own, without a window: what snapshots and the
 * viewer benchmark draw on. FX thread only.
 */
final class OffscreenViewer {

    private final SlideViewer viewer;
    private final Scene scene;

    OffscreenViewer(SlideViewer viewer, int width, int height) {
        this.viewer = viewer;
        viewer.setMinSize(width, height);
        viewer.setPrefSize(width, height);
        viewer.setMaxSize(width, height);
        StackPane root = new StackPane(viewer);
        scene = new Scene(root, width, height);
        root.applyCss();
        root.layout();
    }

    SlideViewer viewer() {
        return viewer;
    }

    /** Renders the scene as it is now (CSS, layout and a software render of the viewer's last frame). */
    WritableImage render(WritableImage reuse) {
        return scene.snapshot(reuse);
    }
}
