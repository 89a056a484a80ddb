package org.pathlane.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import org.pathlane.app.confirm.Confirmation;

/** Asks a view-model's {@link Confirmation} in a dialog; "Keep" (the default) changes nothing. */
public final class Confirm {

    private Confirm() {
    }

    /** Shows the question over {@code owner}'s window and runs {@code action} only when confirmed. */
    public static void ask(Node owner, Confirmation question, Runnable action) {
        ask(owner, question, action, null);
    }

    /**
     * As {@link #ask(Node, Confirmation, Runnable)}, with the question's {@link Confirmation#alternative()} as a
     * third button that runs {@code alternativeAction}.
     */
    public static void ask(Node owner, Confirmation question, Runnable action, Runnable alternativeAction) {
        ButtonType yes = new ButtonType(question.action(), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep", ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType other = question.alternative() == null || alternativeAction == null ? null
                : new ButtonType(question.alternative(), ButtonBar.ButtonData.OTHER);
        Alert alert = other == null ? new Alert(Alert.AlertType.CONFIRMATION, question.text(), keep, yes)
                : new Alert(Alert.AlertType.CONFIRMATION, question.text(), keep, other, yes);
        if (other != null) {
            alert.getDialogPane().lookupButton(other).setId("confirm-alternative");
        }
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        alert.setTitle(question.title());
        alert.setHeaderText(question.title());
        alert.getDialogPane().setId("confirm-dialog");
        alert.getDialogPane().lookupButton(yes).setId("confirm-yes");
        alert.getDialogPane().lookupButton(keep).setId("confirm-keep");
        // Each button keeps its whole label ("Quit, keep them running"), however narrow the dialog starts.
        for (ButtonType type : alert.getButtonTypes()) {
            javafx.scene.control.Button button = (javafx.scene.control.Button) alert.getDialogPane().lookupButton(type);
            button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            ButtonBar.setButtonUniformSize(button, false);
        }
        alert.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        java.util.Optional<ButtonType> chosen = alert.showAndWait();
        if (chosen.filter(yes::equals).isPresent()) {
            action.run();
        } else if (other != null && chosen.filter(other::equals).isPresent()) {
            alternativeAction.run();
        }
    }
}
