package org.pathlane.app.ui.settings;

import java.io.File;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.pathlane.app.session.AppSettings;
import org.pathlane.app.settings.SettingsViewModel;
import org.pathlane.app.ui.profiles.AvatarView;
import org.pathlane.scheduler.model.UserProfile;

/** Settings: data folder, device, tile and batch, own password; for admins limits and profiles. */
public final class SettingsView extends ScrollPane {

    private final SettingsViewModel vm;
    private final VBox profilesBox = new VBox(8);

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
        setId("settings");
        setFitToWidth(true);
        VBox content = new VBox(16);
        content.setPadding(new Insets(16));
        content.setMaxWidth(760);
        Label title = new Label("Settings");
        title.getStyleClass().add("screen-title");
        Label message = new Label();
        message.setId("settings-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        content.getChildren().addAll(title, message, workstation(), password());
        if (vm.admin()) {
            content.getChildren().addAll(limits(), lab(), profiles());
        }
        setContent(content);
    }

    private VBox workstation() {
        Label dir = new Label(vm.dataDir().toString());
        Button change = new Button("Change…");
        // The folder holds every profile's work: only an admin may move it.
        change.setVisible(vm.canChangeDataDir());
        change.setManaged(vm.canChangeDataDir());
        change.setOnAction(e -> {
            File chosen = new DirectoryChooser().showDialog(getScene().getWindow());
            if (chosen != null) {
                vm.chooseDataDir(chosen.toPath());
            }
        });
        ComboBox<String> device = new ComboBox<>();
        device.getItems().setAll(AppSettings.DEVICES);
        device.setValue(vm.settings().device());
        device.setId("settings-device");
        Label detected = new Label();
        detected.setId("detected-device");
        detected.getStyleClass().add("hint");
        detected.setWrapText(true);
        detected.textProperty().bind(vm.detectedDeviceProperty());
        TextField tile = new TextField(String.valueOf(vm.settings().tile()));
        tile.setPrefColumnCount(6);
        tile.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextField batch = new TextField(String.valueOf(vm.settings().batch()));
        batch.setPrefColumnCount(6);
        batch.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button save = new Button("Save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> vm.save(device.getValue(), tile.getText(), batch.getText()));
        GridPane grid = grid();
        grid.addRow(0, new Label("Data folder"), new HBox(8, dir, change));
        grid.addRow(1, new Label("Inference device"), new VBox(4, device, detected));
        grid.addRow(2, new Label("Tile (px)"), tile);
        grid.addRow(3, new Label("Batch (tiles)"), batch);
        grid.addRow(4, new Label(""), save);
        return section("This workstation", grid);
    }

    /** Where this desktop works: its own database, or one node of a lab's PostgreSQL (admin). */
    private VBox lab() {
        Label now = new Label(vm.labText());
        now.setWrapText(true);
        now.setId("lab-text");
        TextField db = new TextField(vm.settings().lab().map(l -> l.db()).orElse(""));
        db.setPromptText("postgresql://dbhost/pathlane");
        db.setId("lab-db");
        TextField credentials = new TextField(vm.settings().lab().map(l -> l.credentials() == null ? ""
                : l.credentials().toString()).orElse(""));
        credentials.setPromptText("file with user= and password= lines (empty: PATHLANE_DB_USER/PASSWORD)");
        credentials.setId("lab-credentials");
        TextField results = new TextField(vm.settings().lab().map(l -> l.results().toString()).orElse(""));
        results.setPromptText("the lab share's results folder, the same path on every node");
        results.setId("lab-results");
        TextField workers = new TextField(String.valueOf(vm.settings().lab().map(l -> l.workers()).orElse(4)));
        workers.setPrefColumnCount(4);
        workers.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button join = new Button("Join at next start");
        join.setId("lab-join");
        join.setOnAction(e -> {
            vm.saveLab(db.getText(), credentials.getText(), results.getText(), workers.getText(), System.getenv());
            now.setText(vm.labText());
        });
        Button leave = new Button("Use this workstation's own database");
        leave.setOnAction(e -> {
            vm.leaveLab();
            now.setText(vm.labText());
        });
        GridPane grid = grid();
        grid.addRow(0, new Label("Database"), db);
        grid.addRow(1, new Label("Credentials file"), credentials);
        grid.addRow(2, new Label("Results folder"), results);
        grid.addRow(3, new Label("Workers here"), workers);
        grid.addRow(4, new Label(""), new HBox(8, join, leave));
        return section("Lab database (admin)", new VBox(8, now, grid));
    }

    private VBox password() {
        PasswordField current = new PasswordField();
        current.setId("password-current");
        current.setPromptText("Current password");
        PasswordField password = new PasswordField();
        password.setId("password-new");
        password.setPromptText("New password (empty = none)");
        PasswordField repeat = new PasswordField();
        repeat.setId("password-repeat");
        repeat.setPromptText("New password again");
        for (PasswordField f : List.of(current, password, repeat)) {
            f.setPrefColumnCount(18);
        }
        Button set = new Button("Set my password");
        set.setId("set-password");
        set.setOnAction(e -> {
            vm.setOwnPassword(current.getText().toCharArray(), password.getText().toCharArray(), repeat.getText().toCharArray());
            current.clear();
            password.clear();
            repeat.clear();
        });
        return section("My profile", new HBox(8, current, password, repeat, set));
    }

    private VBox limits() {
        TextField workers = new TextField();
        workers.setId("max-workers");
        workers.setPrefColumnCount(4);
        TextField users = new TextField();
        users.setId("max-active-users");
        users.setPrefColumnCount(4);
        vm.limitsTextProperty().addListener((obs, old, now) -> {
            String[] parts = now.split(",");
            workers.setText(parts[0]);
            users.setText(parts.length > 1 ? parts[1] : "");
        });
        Button save = new Button("Apply limits");
        save.setId("apply-limits");
        save.setOnAction(e -> vm.saveLimits(workers.getText(), users.getText()));
        GridPane grid = grid();
        grid.addRow(0, new Label("Jobs running at once (maxWorkers)"), workers);
        grid.addRow(1, new Label("Users working at once (maxActiveUsers)"), users);
        grid.addRow(2, new Label(""), save);
        return section("Lab limits (admin)", grid);
    }

    private VBox profiles() {
        vm.profiles().addListener((ListChangeListener<UserProfile>) c -> redrawProfiles());
        redrawProfiles();
        return section("Profiles (admin)", profilesBox);
    }

    private void redrawProfiles() {
        profilesBox.getChildren().clear();
        for (UserProfile p : vm.profiles()) {
            Label name = new Label(p.name());
            if (p.passwordHash() != null) {
                name.setGraphic(org.pathlane.app.ui.profiles.LockIcon.create());
                name.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                name.setGraphicTextGap(6);
            }
            name.setPrefWidth(200);
            CheckBox admin = new CheckBox("admin");
            admin.setSelected(p.admin());
            admin.setOnAction(e -> vm.setAdmin(p, admin.isSelected()));
            Button reset = new Button("Clear password");
            reset.setDisable(p.passwordHash() == null);
            reset.setOnAction(e -> vm.resetPassword(p));
            Button delete = new Button("Delete");
            delete.getStyleClass().add("danger");
            delete.setOnAction(e -> {
                javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                        "Delete the profile \"" + p.name() + "\" with its slide library and all its workflows? Result files stay on disk.",
                        javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
                confirm.setHeaderText("Delete " + p.name() + "?");
                confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> vm.delete(p));
            });
            HBox row = new HBox(10, new AvatarView(p, 28), name, admin, reset, delete);
            row.setAlignment(Pos.CENTER_LEFT);
            profilesBox.getChildren().add(row);
        }
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        grid.setHgap(14);
        grid.setVgap(10);
        return grid;
    }

    private static VBox section(String title, javafx.scene.Node body) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        VBox box = new VBox(8, heading, body);
        box.getStyleClass().add("card");
        return box;
    }
}
