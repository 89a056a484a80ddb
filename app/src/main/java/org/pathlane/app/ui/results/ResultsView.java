package org.pathlane.app.ui.results;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.results.JobResult;
import org.pathlane.app.results.ResultEntry;
import org.pathlane.app.results.ResultsViewModel;
import org.pathlane.app.session.ProfileFolders;
import org.pathlane.app.ui.Navigator;

/** Finished jobs on the left; the selected job's counts, summary, files and exports on the right. */
public final class ResultsView extends BorderPane {

    private final ResultsViewModel vm;
    private final Navigator navigator;
    private final ListView<ResultEntry> jobs = new ListView<>();
    private final VBox details = new VBox(10);
    private final ProfileFolders folders;

    public ResultsView(ResultsViewModel vm, Navigator navigator, ProfileFolders folders) {
        this.vm = vm;
        this.navigator = navigator;
        this.folders = folders;
        setId("results");
        setPadding(new Insets(16));
        Label title = new Label("Results");
        title.getStyleClass().add("screen-title");
        Label message = new Label();
        message.setId("results-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        setTop(new VBox(6, title, message));
        jobs.setItems(vm.finishedJobs());
        jobs.setPrefWidth(340);
        jobs.setPlaceholder(new Label("No finished jobs yet."));
        jobs.setCellFactory(v -> new ListCell<>() {
            private final Label title = new Label();
            private final Label subtitle = new Label();
            private final VBox box = new VBox(2, title, subtitle);

            {
                title.getStyleClass().add("field-label");
                subtitle.getStyleClass().add("hint");
            }

            @Override
            protected void updateItem(ResultEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setGraphic(null);
                } else {
                    title.setText(entry.title());
                    subtitle.setText(entry.subtitle());
                    setGraphic(box);
                }
            }
        });
        jobs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.select(now);
            }
        });
        // The list shows the view-model's selection, including none when it left the list.
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                jobs.getSelectionModel().clearSelection();
            } else if (now != jobs.getSelectionModel().getSelectedItem()) {
                jobs.getSelectionModel().select(now);
            }
        });
        setLeft(jobs);
        BorderPane.setMargin(jobs, new Insets(10, 16, 0, 0));
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(10, 0, 0, 0));
        vm.resultProperty().addListener((obs, old, now) -> redraw());
        vm.selectedProperty().addListener((obs, old, now) -> redraw());
        redraw();
    }

    /** Selects a job, e.g. from the dashboard's Results button. */
    public void select(JobRow job) {
        vm.select(job);
    }

    private void redraw() {
        ResultEntry entry = vm.selectedProperty().get();
        JobRow job = entry == null ? null : entry.job();
        JobResult result = vm.resultProperty().get();
        details.getChildren().clear();
        details.setPadding(new Insets(4, 12, 12, 12));
        if (job == null) {
            Label hint = new Label("Pick a finished job to see its results.");
            hint.getStyleClass().add("hint");
            details.getChildren().add(hint);
            return;
        }
        Label heading = new Label(entry.title());
        heading.getStyleClass().add("inspector-heading");
        Label subtitle = new Label(entry.subtitle());
        subtitle.getStyleClass().add("hint");
        details.getChildren().addAll(heading, subtitle);
        if (result == null) {
            details.getChildren().add(new Label("Reading " + job.resultDir() + " …"));
            return;
        }
        Label count = new Label(headline(result));
        count.setId("result-count");
        count.setStyle("-fx-font-size: 24px; -fx-font-weight: bold;");
        details.getChildren().add(count);
        if (!result.problem().isEmpty()) {
            Label problem = new Label(result.problem());
            problem.getStyleClass().add("error-text");
            problem.setWrapText(true);
            details.getChildren().add(problem);
        }
        Button folder = new Button("Open folder");
        folder.setOnAction(e -> vm.openFolder(result.folder()));
        Button geojson = new Button("Export GeoJSON…");
        geojson.setDisable(!result.files().contains(result.geojson()));
        geojson.setOnAction(e -> export(entry, result.geojson(), "GeoJSON", "*.geojson"));
        Button csv = new Button("Export CSV…");
        csv.setDisable(!result.files().contains(result.csv()));
        csv.setOnAction(e -> export(entry, result.csv(), "CSV", "*.csv"));
        Button show = new Button("Show on slide");
        show.getStyleClass().add("accent");
        show.setDisable(result.slide() == null);
        show.setOnAction(e -> navigator.openInViewer(result.slide(), job));
        HBox actions = new HBox(8, show, folder, geojson, csv);
        actions.setAlignment(Pos.CENTER_LEFT);
        details.getChildren().add(actions);
        GridPane grid = new GridPane();
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
        keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(keys);
        grid.setHgap(16);
        grid.setVgap(4);
        int row = 0;
        for (var e : result.summary().entrySet()) {
            Label key = new Label(e.getKey());
            key.getStyleClass().add("hint");
            Label value = new Label(e.getValue());
            value.setWrapText(true);
            grid.addRow(row++, key, value);
        }
        Label summaryTitle = new Label("Summary");
        summaryTitle.getStyleClass().add("section-title");
        Label filesTitle = new Label("Files in " + result.folder());
        filesTitle.getStyleClass().add("section-title");
        filesTitle.setWrapText(true);
        VBox files = new VBox(2);
        result.files().forEach(f -> files.getChildren().add(new Label(f.getFileName().toString())));
        details.getChildren().addAll(summaryTitle, grid, filesTitle, files);
    }

    private static String headline(JobResult result) {
        if (result.cells() >= 0) {
            return String.format(Locale.ROOT, "%,d nuclei", result.cells());
        }
        String tissue = result.summary().get("tissueFraction");
        if (tissue != null) {
            try {
                return String.format(Locale.ROOT, "Tissue covers %.1f %% of the slide", Double.parseDouble(tissue) * 100);
            } catch (NumberFormatException e) {
                return "Tissue fraction: " + tissue;
            }
        }
        return result.files().isEmpty() ? "Finished (this job writes no files)" : "Finished";
    }

    private void export(ResultEntry entry, Path source, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + kind);
        // The profile's own exports folder, never the working directory or another profile's last folder.
        try {
            chooser.setInitialDirectory(folders.exports().toFile());
        } catch (java.io.UncheckedIOException e) {
            vm.reportProblem("No exports folder: " + e.getMessage() + ". Pick a folder in the dialog.");
        }
        chooser.setInitialFileName(ResultsViewModel.exportName(entry, source));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File target = chooser.showSaveDialog(getScene().getWindow());
        if (target != null) {
            vm.export(source, target.toPath());
        }
    }
}
