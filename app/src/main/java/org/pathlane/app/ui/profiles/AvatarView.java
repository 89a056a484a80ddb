package org.pathlane.app.ui.profiles;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.pathlane.app.profiles.Avatar;
import org.pathlane.scheduler.model.UserProfile;

/** A round avatar with the profile's initials on its colour. */
public final class AvatarView extends StackPane {

    public AvatarView(UserProfile profile, double diameter) {
        Circle circle = new Circle(diameter / 2, colour(profile.colour()));
        Label initials = new Label(Avatar.initials(profile.name()));
        initials.setTextFill(Color.WHITE);
        initials.setStyle("-fx-font-weight: bold; -fx-font-size: " + Math.round(diameter * 0.38) + "px;");
        getChildren().addAll(circle, initials);
        setMinSize(diameter, diameter);
        setMaxSize(diameter, diameter);
        getStyleClass().add("avatar-view");
    }

    private static Color colour(String web) {
        try {
            return Color.web(web);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Color.web(Avatar.PALETTE.getFirst());
        }
    }
}
