package org.pathlane.app.ui.profiles;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;
import org.pathlane.app.profiles.Avatar;
import org.pathlane.app.profiles.ProfilesViewModel;
import org.pathlane.scheduler.model.UserProfile;

/**
 * The first screen: pick a profile (avatar, name, admin tag, lock when it has a password) or create one.
 * On a first start it goes straight to creating the lab's first profile, which becomes the admin.
 */
public final class StartScreen extends VBox {

    private final ProfilesViewModel vm;
    private final Consumer<UserProfile> onSignedIn;
    /** Every tile the same size, so avatars and names line up whether a tile says "admin", "password" or nothing. */
    private final TilePane tiles = new TilePane(16, 16);
    private final VBox panel = new VBox(10);
    private PasswordField signInPassword;

    public StartScreen(ProfilesViewModel vm, Consumer<UserProfile> onSignedIn) {
        super(18);
        this.vm = vm;
        this.onSignedIn = onSignedIn;
        setId("start-screen");
        setAlignment(Pos.TOP_CENTER);
        setPadding(new Insets(48));
        Label brand = new Label("PathLane");
        brand.getStyleClass().add("screen-title");
        brand.setStyle("-fx-font-size: 30px;");
        Label subtitle = new Label("Who is working?");
        subtitle.getStyleClass().add("hint");
        tiles.setAlignment(Pos.CENTER);
        tiles.setId("profile-tiles");
        panel.setMaxWidth(380);
        panel.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("start-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(480);
        error.textProperty().bind(vm.errorProperty());
        getChildren().addAll(brand, subtitle, tiles, panel, error);
        vm.profiles().addListener((javafx.collections.ListChangeListener<UserProfile>) c -> showTiles());
        vm.firstStartProperty().addListener((obs, was, now) -> {
            if (now) {
                showCreate();
            }
        });
        // A refused password stays, selected: Enter tries it again, typing replaces it.
        vm.busyProperty().addListener((obs, was, now) -> {
            if (was && !now && signInPassword != null && signInPassword.getScene() != null) {
                signInPassword.requestFocus();
                signInPassword.selectAll();
            }
        });
        showTiles();
        vm.refresh();
    }

    private void showTiles() {
        tiles.setVisible(true);
        tiles.setManaged(true);
        tiles.getChildren().clear();
        for (UserProfile p : vm.profiles()) {
            String id = p.name().replaceAll("\\W+", "_");
            // A long name wraps under the avatar rather than ending in "…".
            Label name = new Label(p.name());
            name.getStyleClass().add("field-label");
            name.setId("profile-name-" + id);
            name.setWrapText(true);
            name.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            name.setAlignment(Pos.CENTER);
            name.setMaxWidth(132);
            name.setMinHeight(Region.USE_PREF_SIZE);
            HBox tag = new HBox(4);
            tag.setAlignment(Pos.CENTER);
            if (p.admin()) {
                tag.getChildren().add(hint("admin"));
            }
            if (vm.needsPassword(p)) {
                if (p.admin()) {
                    tag.getChildren().add(hint("·"));
                }
                // A drawn lock: the emoji glyph is missing from many desktop fonts and showed as a box.
                SVGPath lock = LockIcon.create();
                lock.setId("lock-" + id);
                tag.getChildren().addAll(lock, hint("password"));
            }
            VBox tile = new VBox(8, new AvatarView(p, 64), name, tag);
            tile.setAlignment(Pos.TOP_CENTER);
            tile.setPrefWidth(140);
            tile.getStyleClass().add("profile-tile");
            tile.setId("profile-" + id);
            tile.setOnMouseClicked(e -> pick(p));
            tiles.getChildren().add(tile);
        }
        Button add = new Button("+ New profile");
        add.setId("new-profile");
        add.setOnAction(e -> showCreate());
        VBox addTile = new VBox(add);
        addTile.setAlignment(Pos.CENTER);
        addTile.setPrefSize(140, 130);
        tiles.getChildren().add(addTile);
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        return l;
    }

    private void pick(UserProfile p) {
        if (!vm.needsPassword(p)) {
            vm.signIn(p, null, onSignedIn);
            return;
        }
        Label title = new Label("Password for " + p.name());
        title.getStyleClass().add("field-label");
        PasswordField password = new PasswordField();
        password.setId("signin-password");
        Button go = new Button("Sign in");
        go.setId("signin");
        go.getStyleClass().add("accent");
        go.setDefaultButton(true);
        go.disableProperty().bind(vm.busyProperty());
        // Checking a password takes a few seconds (a deliberately slow hash): say so, and keep what was typed
        // so a slip can be corrected rather than typed again.
        go.setOnAction(e -> vm.signIn(p, password.getText().toCharArray(), onSignedIn));
        signInPassword = password;
        panel.getChildren().setAll(title, password, new HBox(10, go, busy("Checking the password…")));
        password.requestFocus();
    }

    /** A spinner and a line shown while the view-model works in the background. */
    private HBox busy(String text) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.setMaxSize(22, 22);
        HBox box = new HBox(6, spinner, new Label(text));
        box.setId("start-busy");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.busyProperty());
        return box;
    }

    private void showCreate() {
        boolean first = vm.profiles().isEmpty();
        tiles.setVisible(!first);
        tiles.setManaged(!first);
        Label title = new Label(first ? "Welcome! Create the first profile: it will be the lab's admin."
                : "New profile");
        title.getStyleClass().add("field-label");
        title.setWrapText(true);
        TextField name = new TextField();
        name.setId("new-profile-name");
        name.setPromptText("Name, e.g. Ada Lovelace");
        ToggleGroup colours = new ToggleGroup();
        HBox swatches = new HBox(6);
        for (String colour : Avatar.PALETTE) {
            ToggleButton swatch = new ToggleButton();
            swatch.setGraphic(new Circle(9, Color.web(colour)));
            swatch.setUserData(colour);
            swatch.setToggleGroup(colours);
            swatch.getStyleClass().add("flat");
            swatches.getChildren().add(swatch);
        }
        PasswordField password = new PasswordField();
        password.setId("new-profile-password");
        password.setPromptText("Password (optional)");
        PasswordField repeat = new PasswordField();
        repeat.setId("new-profile-repeat");
        repeat.setPromptText("Repeat password");
        CheckBox admin = new CheckBox("Admin (manages profiles and limits)");
        admin.setSelected(first);
        admin.setDisable(true);
        Label note = new Label("Only an admin can make another admin, from Settings.");
        note.getStyleClass().add("hint");
        note.setVisible(!first);
        note.setManaged(!first);
        Button create = new Button(first ? "Create and sign in" : "Create");
        create.setId("create-profile");
        create.getStyleClass().add("accent");
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.busyProperty().or(name.textProperty().isEmpty()));
        Label mismatch = new Label();
        mismatch.getStyleClass().add("error-text");
        create.setOnAction(e -> {
            if (!password.getText().equals(repeat.getText())) {
                mismatch.setText("The two passwords differ: type them again.");
                return;
            }
            mismatch.setText("");
            String colour = colours.getSelectedToggle() == null ? null : (String) colours.getSelectedToggle().getUserData();
            vm.create(null, name.getText(), colour, password.getText().toCharArray(), first, onSignedIn);
        });
        panel.getChildren().setAll(title, new Label("Your name"), name, new Label("Colour"), swatches, password, repeat, admin, note,
                mismatch, new HBox(10, create, busy("Creating the profile…")));
        name.requestFocus();
    }
}
