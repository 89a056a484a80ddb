package org.pathlane.app.ui.editor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.ui.Confirm;

/** The workflow editor screen: palette, lanes canvas, inspector, and a bar with undo/redo, templates and Submit. */
public final class WorkflowEditorView extends StackPane {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    private final EditorViewModel vm;
    private final Path templatesDir;

    public WorkflowEditorView(EditorViewModel vm, Path templatesDir) {
        this.vm = vm;
        this.templatesDir = templatesDir;
        setId("editor");
        WorkflowCanvas canvas = new WorkflowCanvas(vm);
        ScrollPane scroll = new ScrollPane(canvas);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("canvas-scroll");

        BorderPane layout = new BorderPane();
        layout.setTop(toolbar());
        PaletteView palette = new PaletteView(vm.palette());
        layout.setLeft(palette);
        layout.setCenter(scroll);
        ScrollPane inspector = new ScrollPane(new InspectorView(vm));
        inspector.setFitToWidth(true);
        inspector.setPrefWidth(290);
        inspector.getStyleClass().add("inspector-scroll");
        layout.setRight(inspector);
        layout.setBottom(statusBar());

        Pane dragLayer = new Pane();
        dragLayer.setPickOnBounds(false);
        getChildren().addAll(layout, dragLayer);
        new DragController(vm, canvas, this, dragLayer);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    private void keyPressed(KeyEvent e) {
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        if (typing) {
            return;
        }
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            vm.deleteSelection();
            e.consume();
        } else if (REDO.match(e) || REDO_Y.match(e)) {
            vm.redo();
            e.consume();
        } else if (UNDO.match(e)) {
            vm.undo();
            e.consume();
        }
    }

    private VBox toolbar() {
        TextField name = new TextField(vm.draft().name());
        name.setId("workflow-name");
        name.setPromptText("Workflow name");
        name.setPrefColumnCount(18);
        name.setMinWidth(120);
        HBox.setHgrow(name, Priority.SOMETIMES);
        name.setOnAction(e -> vm.setName(name.getText()));
        name.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                vm.setName(name.getText());
            }
        });
        vm.draftProperty().addListener((obs, old, now) -> {
            if (!name.isFocused()) {
                name.setText(now.name());
            }
        });
        Button newButton = button("New", "Start an empty workflow", () -> vm.confirmNewWorkflow()
                .ifPresentOrElse(q -> Confirm.ask(this, q, vm::newWorkflow), vm::newWorkflow));
        Button open = button("Open…", "Load a workflow template (JSON)", this::openTemplate);
        Button save = button("Save…", "Save this workflow as a template (JSON)", this::saveTemplate);
        Button undo = button("Undo", "Undo (Ctrl+Z)", vm::undo);
        undo.setId("undo");
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = button("Redo", "Redo (Ctrl+Shift+Z)", vm::redo);
        redo.setId("redo");
        redo.disableProperty().bind(vm.canRedoProperty().not());
        Button addLane = button("+ Lane", "Add a branch lane", vm::addLane);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // Why Submit is blocked gets a line of its own under the buttons, wrapping: however long it is, the
        // buttons keep their labels.
        Label blocked = new Label();
        blocked.setId("submit-blocked");
        blocked.getStyleClass().add("blocked-reason");
        blocked.textProperty().bind(vm.submitBlockedReasonProperty());
        blocked.setWrapText(true);
        blocked.setMaxWidth(Double.MAX_VALUE);
        blocked.managedProperty().bind(vm.submitBlockedReasonProperty().isNotEmpty());
        blocked.visibleProperty().bind(blocked.managedProperty());
        Button batch = button("Run on slides…", "Run this workflow once per slide of your library or of a folder, as one batch", this::runOnSlides);
        batch.setId("run-on-slides");
        batch.disableProperty().bind(vm.submittingProperty());
        Button submit = button("Submit", "Run this workflow", vm::submit);
        submit.setId("submit");
        submit.getStyleClass().add("accent");
        submit.setDefaultButton(false);
        submit.disableProperty().bind(vm.canSubmitProperty().not());
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(vm.submitBlockedReasonProperty());
        submit.setTooltip(reason);
        for (Button b : List.of(newButton, open, save, undo, redo, addLane, batch, submit)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        newButton.setId("editor-new");
        open.setId("editor-open");
        save.setId("editor-save");
        HBox bar = new HBox(8, name, newButton, open, save, undo, redo, addLane, spacer, batch, submit);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, bar, blocked);
        top.setPadding(new Insets(8, 12, 8, 12));
        top.getStyleClass().add("editor-toolbar");
        return top;
    }

    private HBox statusBar() {
        Label message = new Label();
        message.setId("editor-message");
        message.textProperty().bind(vm.messageProperty());
        HBox bar = new HBox(message);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** Picks slides of the library, or of a folder, and submits this workflow once per slide, as a batch. */
    private void runOnSlides() {
        java.util.Map<String, javafx.beans.property.BooleanProperty> picked = new java.util.LinkedHashMap<>();
        for (String slide : vm.slideChoices()) {
            picked.put(slide, new javafx.beans.property.SimpleBooleanProperty(true));
        }
        javafx.collections.ObservableList<String> shown = javafx.collections.FXCollections.observableArrayList(picked.keySet());
        javafx.scene.control.ListView<String> list = new javafx.scene.control.ListView<>(shown);
        list.setId("batch-slides");
        list.setCellFactory(javafx.scene.control.cell.CheckBoxListCell.forListView(picked::get, new javafx.util.StringConverter<>() {
            @Override
            public String toString(String path) {
                Path p = Path.of(path);
                // A folder's slides are told apart by their folder (case-7/block-A/slide.svs).
                return vm.slideChoices().contains(path) || p.getParent() == null ? String.valueOf(p.getFileName())
                        : p.getParent().getFileName() + "/" + p.getFileName();
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        }));
        list.setPrefSize(460, 320);
        javafx.scene.control.CheckBox all = new javafx.scene.control.CheckBox("All slides");
        all.setSelected(true);
        all.setOnAction(e -> picked.values().forEach(p -> p.set(all.isSelected())));
        Label how = new Label("One workflow per slide, named after it; every job that reads a slide reads that one."
                + " The dashboard shows the batch's progress and can cancel it.");
        how.setWrapText(true);
        how.setMaxWidth(460);
        Label folderNote = new Label();
        folderNote.setId("batch-folder-note");
        folderNote.setWrapText(true);
        folderNote.setMaxWidth(460);
        Button folder = new Button("Add a folder…");
        folder.setId("batch-add-folder");
        folder.setTooltip(new Tooltip("Add every slide file of a folder (and of its folders, three levels down)"));
        folder.setOnAction(e -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Run on the slides of a folder");
            chooser.setInitialDirectory(slidesFolder().toFile());
            java.io.File chosen = chooser.showDialog(folder.getScene().getWindow());
            if (chosen != null) {
                folderNote.setText("Looking for slides in " + chosen + " …");
                vm.slidesIn(chosen.toPath(), found -> {
                    folderNote.setText(found.note());
                    // One change to the list however many slides the folder has (a scanner's folder may hold thousands).
                    List<String> added = new java.util.ArrayList<>();
                    for (String slide : found.slides()) {
                        if (!picked.containsKey(slide)) {
                            picked.put(slide, new javafx.beans.property.SimpleBooleanProperty(true));
                            added.add(slide);
                        }
                    }
                    shown.addAll(added);
                });
            }
        });
        javafx.scene.control.Dialog<List<String>> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Run on slides");
        dialog.setHeaderText("Run “" + vm.draft().name() + "” on these slides");
        javafx.scene.control.ButtonType run = new javafx.scene.control.ButtonType("Submit batch",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.CANCEL, run);
        dialog.getDialogPane().setContent(new VBox(8, how, new HBox(10, all, folder), folderNote, list));
        dialog.getDialogPane().setId("batch-dialog");
        dialog.setResultConverter(b -> b == run
                ? shown.stream().filter(slide -> picked.get(slide).get()).toList() : null);
        dialog.showAndWait().ifPresent(vm::submitBatch);
    }

    /** Where the folder choice starts: beside the user's own slides, else in their profile's folder. */
    private java.nio.file.Path slidesFolder() {
        for (String slide : vm.slideChoices()) {
            Path parent = Path.of(slide).getParent();
            if (parent != null && java.nio.file.Files.isDirectory(parent)) {
                return parent.getParent() != null ? parent.getParent() : parent;
            }
        }
        Path profile = templatesDir.getParent();
        return profile != null && java.nio.file.Files.isDirectory(profile) ? profile : templatesDir;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workflow templates", "*.json"));
        if (Files.isDirectory(templatesDir)) {
            chooser.setInitialDirectory(templatesDir.toFile());
        }
        return chooser;
    }

    private void openTemplate() {
        File file = chooser("Open workflow template").showOpenDialog(getScene().getWindow());
        if (file != null) {
            vm.loadTemplate(file.toPath());
        }
    }

    private void saveTemplate() {
        FileChooser chooser = chooser("Save workflow template");
        chooser.setInitialFileName(vm.draft().name().isBlank() ? "workflow.json" : vm.draft().name().replaceAll("[^\\w.-]+", "-") + ".json");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            vm.saveTemplate(file.toPath());
        }
    }
}
