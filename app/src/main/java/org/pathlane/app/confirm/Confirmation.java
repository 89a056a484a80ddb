package org.pathlane.app.confirm;

/**
 * A question a view-model wants answered before an action that cannot be taken back: what will happen, in
 * the user's words, and the label of the button that does it (the other button always keeps things as
 * they are).
 *
 * @param title  a short question, e.g. "Cancel job j1?"
 * @param text   what the action does and to what
 * @param action the confirming button's label, e.g. "Cancel job"
 * @param alternative the label of a second way to go ahead (e.g. quitting but keeping the jobs running in the
 *                    background), or null when there is none
 */
public record Confirmation(String title, String text, String action, String alternative) {

    public Confirmation(String title, String text, String action) {
        this(title, text, action, null);
    }
}
