package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads PathLane's {@code model.json} sidecar of a bare {@code .onnx} file. It holds the same facts as a
 * bioimage.io description, flatter:
 * <pre>
 * { "name": "...", "weights": "model.onnx",
 *   "input":  { "name": "image", "channels": 3, "batch": 0, "minSize": 64, "step": 1, "halo": 0 },
 *   "channel": "rgb|hematoxylin|gray",
 *   "preprocessing": [ { "id": "scale_linear", "kwargs": { "gain": 1, "offset": 0 } } ],
 *   "output": { "name": "foreground", "kind": "probability|labels", "sigmoid": false, "channel": 0 },
 *   "pixelSize": 0.5,
 *   "postprocessing": { "threshold": 0.5, "minAreaUm2": 10, "seedDistanceUm": 2 },
 *   "testInput": "in.npy", "testOutput": "out.npy" }
 * </pre>
 * {@code batch} 0 means a dynamic batch axis; {@code step} 0 a fixed size.
 */
final class SidecarDescription {

    private SidecarDescription() {
    }

    static ModelSpec read(Path json, JsonNode root, WeightsSource weights) {
        String where = json.toString();
        JsonNode input = root.path("input");
        JsonNode output = root.path("output");
        if (input.isMissingNode() || output.isMissingNode()) {
            throw new ModelException(where + ": needs an \"input\" and an \"output\" object");
        }
        int channels = input.path("channels").asInt(0);
        if (channels != 1 && channels != 3) {
            throw new ModelException(where + ": input.channels must be 1 or 3, found " + input.path("channels"));
        }
        ChannelChoice channel = ChannelChoice.parse(root.path("channel").asText(channels == 3 ? "rgb" : "hematoxylin"), where);
        if ((channel == ChannelChoice.RGB) != (channels == 3)) {
            throw new ModelException(where + ": channel " + channel.id() + " does not fit a " + channels + "-channel input");
        }
        OutputKind kind = switch (output.path("kind").asText("")) {
            case "probability" -> OutputKind.PROBABILITY;
            case "labels" -> OutputKind.LABELS;
            case "instanseg" -> throw new ModelException(where + ": output kind instanseg is not supported yet; export the"
                    + " InstanSeg model with its post-processing (labels output) to use it");
            default -> throw new ModelException(where + ": output.kind must be probability or labels, found '"
                    + output.path("kind").asText() + "'");
        };
        if (input.path("minSize").isMissingNode()) {
            throw new ModelException(where + ": field \"input.minSize\" (the smallest input the model takes, in pixels) is missing");
        }
        int minSize = DescriptionFields.integer(input, "minSize", "input.minSize", where, 1, 0);
        OptionalDouble given = DescriptionFields.number(root, "pixelSize", "pixelSize", where);
        boolean said = given.isPresent();
        double pixelSize = said ? DescriptionFields.pixelSize(given.getAsDouble(), root.path("pixelSize"), "pixelSize", where)
                .getAsDouble() : Double.NaN;
        WeightsSource torchscript = null;
        if (weights == null) {
            String file = root.path("weights").asText("");
            Path path = json.resolveSibling(file);
            if (file.isEmpty() || !Files.isRegularFile(path)) {
                throw new ModelException(where + ": weights file '" + file + "' is missing");
            }
            // A model.json names one file: TorchScript by its usual .pt extension, ONNX otherwise.
            if (file.endsWith(".pt") || file.endsWith(".torchscript")) {
                torchscript = WeightsSource.ofFile(path);
            } else {
                weights = WeightsSource.ofFile(path);
            }
        }
        return new ModelSpec(
                root.path("name").asText(json.getParent() == null ? "model" : json.getParent().getFileName().toString()),
                json,
                weights,
                torchscript,
                input.path("name").asText(""),
                output.path("name").asText(""),
                channels,
                DescriptionFields.integer(input, "batch", "input.batch", where, 0, 0),
                minSize,
                DescriptionFields.integer(input, "step", "input.step", where, 0, 0),
                DescriptionFields.integer(input, "halo", "input.halo", where, 0, 0),
                PreprocessingParser.parse(root.path("preprocessing"), where),
                channel,
                kind,
                output.path("sigmoid").asBoolean(false),
                DescriptionFields.integer(output, "channel", "output.channel", where, 0, 0),
                said ? pixelSize : ModelSpec.DEFAULT_PIXEL_SIZE,
                said,
                postParams(root.path("postprocessing"), "postprocessing", where),
                stainNormalised(root.path("stain"), where),
                optionalSibling(json, root.path("testInput")),
                optionalSibling(json, root.path("testOutput")));
    }

    /**
     * The post-processing settings under {@code label}: a probability threshold strictly between 0 and 1,
     * a minimum area of at least 0 µm², a seed distance above 0 µm (and below 50 µm: no nucleus is wider).
     */
    static PostprocessParams postParams(JsonNode node, String label, String where) {
        PostprocessParams d = PostprocessParams.DEFAULT;
        if (node.isMissingNode() || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            throw DescriptionFields.bad(where, label, "must be an object", node);
        }
        DescriptionFields.onlyKnown(node, Set.of("threshold", "minAreaUm2", "seedDistanceUm"), label, where);
        return new PostprocessParams(
                DescriptionFields.number(node, "threshold", label + ".threshold", where, 0, 1, true, d.threshold()),
                DescriptionFields.number(node, "minAreaUm2", label + ".minAreaUm2", where, 0, 10_000, false, d.minAreaUm2()),
                DescriptionFields.number(node, "seedDistanceUm", label + ".seedDistanceUm", where, 0, 50, true,
                        d.seedDistanceUm()));
    }

    /**
     * {@code "stain": "macenko"} asks for each slide's H&amp;E staining to be mapped onto a reference before
     * the model sees it (models with fixed optical-density thresholds need it); {@code "none"} or absent
     * leaves the pixels as scanned.
     */
    static boolean stainNormalised(JsonNode node, String where) {
        String value = node.asText("none");
        return switch (value) {
            case "none" -> false;
            case "macenko" -> true;
            default -> throw new ModelException(where + ": stain must be macenko or none, found '" + value + "'");
        };
    }

    private static Optional<Path> optionalSibling(Path json, JsonNode name) {
        return name.isTextual() && !name.asText().isEmpty() ? Optional.of(json.resolveSibling(name.asText())) : Optional.empty();
    }
}
