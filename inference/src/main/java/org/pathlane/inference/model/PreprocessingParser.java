package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads bioimage.io preprocessing steps (format 0.4: {@code name} + {@code mode}; 0.5: {@code id}) into
 * {@link Preprocessing}. An unknown step fails: running a model on wrongly prepared input gives
 * plausible-looking nonsense, which is worse than an error.
 */
final class PreprocessingParser {

    private PreprocessingParser() {
    }

    static List<Preprocessing> parse(JsonNode steps, String where) {
        List<Preprocessing> out = new ArrayList<>();
        if (steps == null || steps.isMissingNode() || steps.isNull()) {
            return out;
        }
        if (!steps.isArray()) {
            throw new ModelException(where + ": preprocessing must be a list of steps");
        }
        for (JsonNode step : steps) {
            out.add(parseStep(step, where));
        }
        return out;
    }

    private static Preprocessing parseStep(JsonNode step, String where) {
        String id = step.path("id").asText(step.path("name").asText(""));
        JsonNode kw = step.path("kwargs");
        boolean acrossChannels = axesIncludeChannel(kw.path("axes"));
        float eps = (float) kw.path("eps").asDouble(1e-6);
        return switch (id) {
            case "scale_linear" -> new Preprocessing.ScaleLinear(
                    scalar(kw.path("gain"), 1.0, where, id), scalar(kw.path("offset"), 0.0, where, id));
            case "zero_mean_unit_variance" -> {
                String mode = kw.path("mode").asText("per_sample");
                if (mode.equals("fixed")) {
                    yield new Preprocessing.ZeroMeanUnitVariance(true, scalar(kw.path("mean"), 0, where, id),
                            scalar(kw.path("std"), 1, where, id), eps, acrossChannels);
                }
                yield new Preprocessing.ZeroMeanUnitVariance(false, 0, 1, eps, acrossChannels);
            }
            case "fixed_zero_mean_unit_variance" -> new Preprocessing.ZeroMeanUnitVariance(true,
                    scalar(kw.path("mean"), 0, where, id), scalar(kw.path("std"), 1, where, id), eps, acrossChannels);
            case "scale_range" -> new Preprocessing.ScaleRange(kw.path("min_percentile").asDouble(0),
                    kw.path("max_percentile").asDouble(100), eps, acrossChannels);
            case "clip" -> new Preprocessing.Clip((float) kw.path("min").asDouble(-Float.MAX_VALUE),
                    (float) kw.path("max").asDouble(Float.MAX_VALUE));
            case "ensure_dtype" -> new Preprocessing.EnsureDtype(kw.path("dtype").asText("float32").toLowerCase(Locale.ROOT));
            case "" -> throw new ModelException(where + ": a preprocessing step has no id/name");
            default -> throw new ModelException(where + ": preprocessing '" + id + "' is not supported (PathLane knows "
                    + "scale_linear, scale_range, zero_mean_unit_variance, fixed_zero_mean_unit_variance, ensure_dtype, clip)");
        };
    }

    /** 0.4 writes axes as a string ("xy", "cxy"), 0.5 as a list of axis ids. */
    private static boolean axesIncludeChannel(JsonNode axes) {
        if (axes.isTextual()) {
            return axes.asText().contains("c");
        }
        for (JsonNode a : axes) {
            if (a.asText().equals("c") || a.asText().equals("channel")) {
                return true;
            }
        }
        return false;
    }

    /** PathLane applies one gain/offset to every channel; per-channel lists must agree. */
    private static float scalar(JsonNode node, double fallback, String where, String id) {
        if (node.isMissingNode() || node.isNull()) {
            return (float) fallback;
        }
        if (node.isNumber()) {
            return (float) node.asDouble();
        }
        if (node.isArray() && !node.isEmpty()) {
            double first = node.get(0).asDouble();
            for (JsonNode v : node) {
                if (v.asDouble() != first) {
                    throw new ModelException(where + ": " + id + " with a different value per channel is not supported");
                }
            }
            return (float) first;
        }
        throw new ModelException(where + ": " + id + " has a parameter that is not a number: " + node);
    }
}
