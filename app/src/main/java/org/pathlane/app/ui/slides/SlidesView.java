package org.pathlane.app.ui.slides;

import java.io.File;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.pathlane.app.slides.SlideItem;
import org.pathlane.app.slides.SlideLibraryViewModel;
import org.pathlane.app.slides.Thumbnails;
import org.pathlane.app.ui.Navigator;

/** The slides library: drop files or folders (or use Open), see thumbnails and facts, open in the viewer. */
public final class SlidesView extends VBox {

    private final SlideLibraryViewModel vm;
    private final Navigator navigator;
    private final FlowPane tiles = new FlowPane(14, 14);

    public SlidesView(SlideLibraryViewModel vm, Navigator navigator) {
        super(12);
        this.vm = vm;
        this.navigator = navigator;
        setId("slides");
        setPadding(new Insets(16));
        Label title = new Label("Slides");
        title.getStyleClass().add("screen-title");
        Button open = new Button("Open slides…");
        open.setId("open-slides");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> chooseFiles());
        Button folder = new Button("Open folder…");
        folder.setOnAction(e -> chooseFolder());
        Label status = new Label();
        status.setId("slides-status");
        status.textProperty().bind(vm.statusProperty());
        HBox bar = new HBox(10, title, open, folder, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label drop = new Label("Drop slide files or folders anywhere here (.svs .ndpi .tiff .mrxs .scn, PNG/JPEG …)");
        StackPane dropZone = new StackPane(drop);
        dropZone.getStyleClass().add("drop-zone");
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, dropZone, scroll);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                dropZone.getStyleClass().add("drop-target");
            }
            e.consume();
        });
        setOnDragExited(e -> dropZone.getStyleClass().remove("drop-target"));
        setOnDragDropped(this::dropped);
        setOnDragDone(e -> dropZone.getStyleClass().remove("drop-target"));
        vm.items().addListener((ListChangeListener<SlideItem>) c -> redraw());
        redraw();
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            vm.importPaths(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open slides");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Slides and images", org.pathlane.app.slides.SlideFiles.EXTENSIONS.stream()
                        .map(x -> "*." + x).toList()),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
        if (files != null) {
            vm.importPaths(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        File dir = new DirectoryChooser().showDialog(getScene().getWindow());
        if (dir != null) {
            vm.importPaths(List.of(dir.toPath()));
        }
    }

    private void redraw() {
        if (vm.items().isEmpty()) {
            Label empty = new Label("Your library is empty. Drop slides here or press Open slides….");
            empty.getStyleClass().add("hint");
            tiles.getChildren().setAll(empty);
            return;
        }
        tiles.getChildren().setAll(vm.items().stream().map(this::tile).toList());
    }

    private VBox tile(SlideItem item) {
        StackPane picture = new StackPane();
        picture.setPrefSize(Thumbnails.SIZE, Thumbnails.SIZE);
        picture.setMinSize(Thumbnails.SIZE, Thumbnails.SIZE);
        if (item.thumbnail() != null) {
            ImageView view = new ImageView(new Image(item.thumbnail().toUri().toString(), true));
            view.setPreserveRatio(true);
            view.setFitWidth(Thumbnails.SIZE);
            view.setFitHeight(Thumbnails.SIZE);
            picture.getChildren().add(view);
        }
        Label name = new Label(item.name());
        name.getStyleClass().add("field-label");
        name.setMaxWidth(Thumbnails.SIZE);
        VBox tile = new VBox(6, picture, name);
        tile.getStyleClass().add("slide-tile");
        tile.setPrefWidth(Thumbnails.SIZE + 20);
        tile.setId("slide-" + item.name().replaceAll("\\W+", "_"));
        if (item.facts() != null) {
            Label facts = new Label(item.facts().describe());
            facts.getStyleClass().add("hint");
            facts.setWrapText(true);
            facts.setMaxWidth(Thumbnails.SIZE);
            tile.getChildren().add(facts);
            item.facts().pixelSizeWarning().ifPresent(text -> {
                Label warning = new Label(text);
                warning.getStyleClass().add("warning-text");
                warning.setId("no-pixel-size");
                warning.setWrapText(true);
                warning.setMaxWidth(Thumbnails.SIZE);
                tile.getChildren().add(warning);
            });
        }
        HBox actions = new HBox(6);
        if (item.broken()) {
            tile.getStyleClass().add("broken");
            Label error = new Label(item.error());
            error.getStyleClass().add("error-text");
            error.setWrapText(true);
            error.setMaxWidth(Thumbnails.SIZE);
            tile.getChildren().add(error);
        } else {
            Button view = new Button("View");
            view.setOnAction(e -> navigator.openInViewer(item.path(), null));
            actions.getChildren().add(view);
        }
        Button remove = new Button(item.broken() && item.entryId() == null ? "Dismiss" : "Remove");
        remove.setOnAction(e -> vm.remove(item));
        actions.getChildren().add(remove);
        tile.getChildren().add(actions);
        return tile;
    }
}
