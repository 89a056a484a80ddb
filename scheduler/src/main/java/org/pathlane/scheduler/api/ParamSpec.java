package org.pathlane.scheduler.api;

import java.util.List;

/**
 * One parameter of a job type: what the editor shows and offers, what a new job starts with, and what
 * the engine accepts. The job type's handler declares it once ({@link JobHandler#schema()}); the editor,
 * the command line's defaults and validation all read that one declaration.
 *
 * @param key          the name in the job's params map
 * @param label        what the inspector calls it
 * @param kind         how it is edited and checked
 * @param defaultValue the value a new job gets (null: none)
 * @param required     whether Submit needs it
 * @param choices      the allowed values for {@link Kind#CHOICE}; for {@link Kind#JOB}, the job types it may name
 *                     (empty: any)
 * @param min          the smallest allowed {@link Kind#INTEGER}/{@link Kind#DECIMAL} value, or null
 * @param max          the largest allowed value, or null
 * @param help         one line shown beside the field
 */
public record ParamSpec(String key, String label, Kind kind, Object defaultValue, boolean required,
                        List<String> choices, Number min, Number max, String help) {

    /** A parameter without a range. */
    public ParamSpec(String key, String label, Kind kind, Object defaultValue, boolean required, List<String> choices,
            String help) {
        this(key, label, kind, defaultValue, required, choices, null, null, help);
    }

    /** This parameter with {@code min..max} allowed (either may be null). */
    public ParamSpec range(Number min, Number max) {
        return new ParamSpec(key, label, kind, defaultValue, required, choices, min, max, help);
    }

    /** This parameter with another default (a workstation's own, say). */
    public ParamSpec withDefault(Object value) {
        return new ParamSpec(key, label, kind, value, required, choices, min, max, help);
    }

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
     * Checks a value as a job's params map holds it (numbers, booleans and strings, as JSON gives them).
     *
     * @param job what to call the job in the message, e.g. {@code segment job}
     * @throws IllegalArgumentException naming the parameter, what it must be and what it was
     */
    public void check(String job, Object value) {
        String problem = switch (kind) {
            case INTEGER -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? outOfRange(n) : "must be a whole number" + rangeText();
            case DECIMAL -> value instanceof Number n && Double.isFinite(n.doubleValue())
                    ? outOfRange(n) : "must be a number" + rangeText();
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
            case CHOICE -> choices.contains(String.valueOf(value)) ? null : "must be one of " + String.join(", ", choices);
            case SLIDE, MODEL, JOB, TEXT -> value instanceof String t && !t.isBlank() ? null : "must be text";
        };
        if (problem != null) {
            throw new IllegalArgumentException(job + ": parameter '" + key + "' (" + label + ") " + problem + ", got "
                    + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
        }
    }

    private String outOfRange(Number n) {
        double v = n.doubleValue();
        boolean below = min != null && v < min.doubleValue();
        boolean above = max != null && v > max.doubleValue();
        return below || above ? "must be" + rangeText() : null;
    }

    /** " from 16 to 8192", " at least 0", or "" without a range. */
    private String rangeText() {
        if (min != null && max != null) {
            return " from " + plain(min) + " to " + plain(max);
        }
        if (min != null) {
            return " of at least " + plain(min);
        }
        return max != null ? " of at most " + plain(max) : "";
    }

    private static String plain(Number n) {
        return java.math.BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
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
                case INTEGER -> inRange(Long.parseLong(t));
                case DECIMAL -> inRange(Double.parseDouble(t));
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

    private Number inRange(Number n) {
        if (outOfRange(n) != null) {
            throw new IllegalArgumentException(label + " must be" + rangeText() + ".");
        }
        return n;
    }
}
