package org.pathlane.app.ui.editor;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.pathlane.scheduler.api.JobType;

/** The job types to drag into lanes: exactly the types the engine runs. */
final class PaletteView extends VBox {

    PaletteView(Iterable<JobType> types) {
        super(8);
        setId("palette");
        getStyleClass().add("palette");
        Label title = new Label("Job types");
        title.getStyleClass().add("section-title");
        getChildren().add(title);
        for (JobType type : types) {
            Label name = new Label(type.label());
            name.getStyleClass().add("palette-name");
            Label description = new Label(type.description());
            description.getStyleClass().add("palette-description");
            description.setWrapText(true);
            VBox item = new VBox(2, name, description);
            item.setId("palette-" + type.name());
            item.getStyleClass().add("palette-item");
            item.getProperties().put(DragController.PALETTE, type.name());
            Tooltip.install(item, new Tooltip("Drag into a lane"));
            getChildren().add(item);
        }
        Label hint = new Label("Drag a type into a lane. Drag a job's right-hand dot onto another job to make it wait. "
                + "Delete removes the selected job or arrow.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        getChildren().add(hint);
    }
}
