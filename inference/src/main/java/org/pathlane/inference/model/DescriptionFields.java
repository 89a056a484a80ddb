package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Strict reading of a model description's numbers: a field that is there must be a number in its range,
 * or loading fails with one line naming the file and the field. Jackson's lenient {@code asDouble(default)}
 * turned {@code "high"} into the default and {@code -16} passed as is; neither may reach a run.
 */
final class DescriptionFields {

    /** Microns per pixel a nuclei model can have been trained at: from 60x oil immersion to a 1x overview. */
    static final double MIN_PIXEL_SIZE = 0.05;
    static final double MAX_PIXEL_SIZE = 10;

    private DescriptionFields() {
    }

    /** The number at {@code field} of {@code parent}, empty when absent or null. */
    static OptionalDouble number(JsonNode parent, String field, String label, String where) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw bad(where, label, "must be a number", node);
        }
        return OptionalDouble.of(node.asDouble());
    }

    /** A number in {@code [min, max]} (or {@code (min, max)} when {@code open}), or {@code otherwise} when absent. */
    static double number(JsonNode parent, String field, String label, String where, double min, double max, boolean open,
            double otherwise) {
        OptionalDouble value = number(parent, field, label, where);
        if (value.isEmpty()) {
            return otherwise;
        }
        double v = value.getAsDouble();
        boolean inside = open ? v > min && v < max : v >= min && v <= max;
        if (!inside) {
            throw bad(where, label, "must be " + (open ? "between " + plain(min) + " and " + plain(max) + " (exclusive)"
                    : plain(min) + " to " + plain(max)), parent.path(field));
        }
        return v;
    }

    /** A whole number at least {@code min}, or {@code otherwise} when absent. */
    static int integer(JsonNode parent, String field, String label, String where, int min, int otherwise) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return otherwise;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min) {
            throw bad(where, label, "must be a whole number of at least " + min, node);
        }
        return node.asInt();
    }

    /** Element {@code index} of an array of whole numbers, each at least 0. */
    static int integer(JsonNode array, int index, String label, String where) {
        JsonNode node = array.path(index);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw bad(where, label, "must hold whole numbers of at least 0", array);
        }
        return node.asInt();
    }

    /** The model's pixel size, when given: microns per pixel in the range a microscope can have. */
    static OptionalDouble pixelSize(double value, JsonNode node, String label, String where) {
        if (!(value >= MIN_PIXEL_SIZE && value <= MAX_PIXEL_SIZE)) {
            throw bad(where, label, "must be the microns per pixel the model was trained at, " + plain(MIN_PIXEL_SIZE)
                    + " to " + plain(MAX_PIXEL_SIZE), node);
        }
        return OptionalDouble.of(value);
    }

    /** Fails on a key of {@code object} that is not one of {@code known} (a typo would be ignored otherwise). */
    static void onlyKnown(JsonNode object, Set<String> known, String label, String where) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ModelException(where + ": field \"" + label + "." + name + "\" is not one PathLane reads (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    static ModelException bad(String where, String label, String rule, JsonNode found) {
        return new ModelException(where + ": field \"" + label + "\" " + rule + ", found " + found);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
