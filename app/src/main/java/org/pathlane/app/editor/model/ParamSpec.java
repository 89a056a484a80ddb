package org.pathlane.app.editor.model;

import java.util.List;

/**
 * One parameter of a job type, as the inspector shows it.
 *
 * @param key          the name in the job's params map
 * @param label        what the inspector calls it
 * @param kind         how it is edited and checked
 * @param defaultValue the value a new job gets (null: none)
 * @param required     whether Submit needs it
 * @param choices      the allowed values for {@link Kind#CHOICE}; for {@link Kind#JOB}, the job types it may name
 *                     (empty: any)
 * @param help         one line shown beside the field
 */
public record ParamSpec(String key, String label, Kind kind, Object defaultValue, boolean required,
                        List<String> choices, String help) {

    /** How a parameter is edited. */
    public enum Kind {
        /** a slide of the user's library (a file path) */
        SLIDE,
        /** a model: {@code default} or a folder/file path */
        MODEL,
        /** the id of another job of the workflow, which this one must wait for */
        JOB,
        CHOICE,
        BOOLEAN,
        INTEGER,
        DECIMAL,
        TEXT
    }

    /** For a {@link Kind#JOB} parameter: whether it may name a job of this type. */
    public boolean acceptsJobType(String type) {
        return choices.isEmpty() || choices.contains(type);
    }

    public ParamSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
        help = help == null ? "" : help;
    }

    /**
     * Turns what was typed into the value stored in the params map.
     *
     * @return null for empty text (the parameter is then unset)
     * @throws IllegalArgumentException naming the field when the text is not a valid value
     */
    public Object parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return switch (kind) {
                case INTEGER -> Long.parseLong(t);
                case DECIMAL -> Double.parseDouble(t);
                case BOOLEAN -> {
                    if (!t.equals("true") && !t.equals("false")) {
                        throw new IllegalArgumentException(label + " must be true or false, not \"" + t + "\".");
                    }
                    yield Boolean.parseBoolean(t);
                }
                case CHOICE -> {
                    if (!choices.contains(t)) {
                        throw new IllegalArgumentException(label + " must be one of " + String.join(", ", choices) + ".");
                    }
                    yield t;
                }
                default -> t;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be " + (kind == Kind.INTEGER ? "a whole number" : "a number")
                    + ", not \"" + t + "\".", e);
        }
    }
}
