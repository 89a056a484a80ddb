package org.pathlane.app.ui.dashboard;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pathlane.app.batch.BatchRow;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.ui.Confirm;

/** One batch on the dashboard: its template, progress over all its slides, and Cancel batch. Updated in place. */
final class BatchCard extends VBox {

    private final Label name = new Label();
    private final Label summary = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Button cancel = new Button("Cancel batch");
    private BatchRow shown;

    BatchCard(BatchRow batch, DashboardViewModel vm, boolean showUsers) {
        super(6);
        setId("batch-" + batch.id());
        getStyleClass().add("card");
        name.getStyleClass().add("inspector-heading");
        summary.setId("batch-summary-" + batch.id());
        summary.getStyleClass().add("hint");
        summary.setWrapText(true);
        bar.setMaxWidth(Double.MAX_VALUE);
        cancel.setId("cancel-batch-" + batch.id());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> Confirm.ask(this, vm.confirmCancelBatch(shown), () -> vm.cancelBatch(shown)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, name, spacer, cancel);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, bar, summary);
        this.showUsers = showUsers;
        update(batch);
    }

    private final boolean showUsers;

    void update(BatchRow batch) {
        if (batch.equals(shown)) {
            return;
        }
        shown = batch;
        name.setText("Batch “" + batch.name() + "” · " + batch.slides() + " slides" + (showUsers ? " · " + batch.user() : ""));
        summary.setText(batch.summary());
        bar.setProgress(batch.progress());
        cancel.setVisible(batch.cancellable());
        cancel.setManaged(batch.cancellable());
    }
}
