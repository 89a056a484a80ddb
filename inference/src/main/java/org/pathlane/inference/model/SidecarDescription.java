package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
        int minSize = input.path("minSize").asInt(0);
        if (minSize <= 0) {
            throw new ModelException(where + ": input.minSize must be a positive number of pixels");
        }
        double pixelSize = root.path("pixelSize").asDouble(Double.NaN);
        boolean said = !Double.isNaN(pixelSize) && pixelSize > 0;
        if (weights == null) {
            String file = root.path("weights").asText("");
            Path onnx = json.resolveSibling(file);
            if (file.isEmpty() || !Files.isRegularFile(onnx)) {
                throw new ModelException(where + ": weights file '" + file + "' is missing");
            }
            weights = WeightsSource.ofFile(onnx);
        }
        return new ModelSpec(
                root.path("name").asText(json.getParent() == null ? "model" : json.getParent().getFileName().toString()),
                json,
                weights,
                input.path("name").asText("input"),
                output.path("name").asText("output"),
                channels,
                input.path("batch").asInt(0),
                minSize,
                input.path("step").asInt(0),
                input.path("halo").asInt(0),
                PreprocessingParser.parse(root.path("preprocessing"), where),
                channel,
                kind,
                output.path("sigmoid").asBoolean(false),
                output.path("channel").asInt(0),
                said ? pixelSize : ModelSpec.DEFAULT_PIXEL_SIZE,
                said,
                postParams(root.path("postprocessing")),
                stainNormalised(root.path("stain"), where),
                optionalSibling(json, root.path("testInput")),
                optionalSibling(json, root.path("testOutput")));
    }

    static PostprocessParams postParams(JsonNode node) {
        PostprocessParams d = PostprocessParams.DEFAULT;
        return new PostprocessParams(node.path("threshold").asDouble(d.threshold()),
                node.path("minAreaUm2").asDouble(d.minAreaUm2()),
                node.path("seedDistanceUm").asDouble(d.seedDistanceUm()));
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
