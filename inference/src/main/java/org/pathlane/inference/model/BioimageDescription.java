package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads a bioimage.io model description ({@code rdf.yaml} / {@code bioimageio.yaml}, format 0.4 or 0.5)
 * into a {@link ModelSpec}. PathLane-specific choices the zoo has no field for (which channel a
 * one-channel model sees of H&E, the output kind when the description is silent) may be given under
 * {@code config.pathlane}.
 */
final class BioimageDescription {

    private final Path file;
    private final JsonNode root;
    private final String where;
    private final boolean v05;

    private BioimageDescription(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
        this.where = file.toString();
        String format = root.path("format_version").asText("");
        this.v05 = format.startsWith("0.5");
        if (!v05 && !format.startsWith("0.4")) {
            throw new ModelException(where + ": format_version '" + format + "' is not 0.4 or 0.5");
        }
    }

    static ModelSpec read(Path file, JsonNode root) {
        return new BioimageDescription(file, root).toSpec();
    }

    private ModelSpec toSpec() {
        if (!root.path("type").asText("model").equals("model")) {
            throw new ModelException(where + ": type is '" + root.path("type").asText() + "', not a model");
        }
        JsonNode inputs = root.path("inputs");
        JsonNode outputs = root.path("outputs");
        if (!inputs.isArray() || inputs.size() != 1) {
            throw new ModelException(where + ": PathLane runs models with exactly one input tensor; found "
                    + (inputs.isArray() ? inputs.size() : 0));
        }
        if (!outputs.isArray() || outputs.isEmpty()) {
            throw new ModelException(where + ": the description lists no output tensor");
        }
        JsonNode config = root.path("config").path("pathlane");
        JsonNode input = inputs.get(0);
        JsonNode output = outputs.get(0);
        checkNotInstanSeg(outputs);

        List<Axis> inAxes = axes(input);
        requireBcyx(inAxes, "input");
        Axis y = inAxes.get(2);
        Axis x = inAxes.get(3);
        if (y.min != x.min || y.step != x.step) {
            throw new ModelException(where + ": input y and x sizes differ (" + y.min + "+" + y.step + "n vs "
                    + x.min + "+" + x.step + "n); PathLane needs square tiles");
        }
        int channels = inAxes.get(1).min;
        ChannelChoice channel = channels == 3 ? ChannelChoice.RGB
                : ChannelChoice.parse(config.path("channel").asText("hematoxylin"), where + " config.pathlane");
        if (channels != 1 && channels != 3) {
            throw new ModelException(where + ": input has " + channels + " channels; PathLane feeds 1 (hematoxylin or gray) or 3 (RGB)");
        }
        if (channels == 3 && config.has("channel") && !config.path("channel").asText().equals("rgb")) {
            throw new ModelException(where + ": a 3-channel model sees RGB; config.pathlane.channel must be rgb");
        }

        List<String> post = new ArrayList<>();
        for (JsonNode p : output.path("postprocessing")) {
            post.add(p.path("id").asText(p.path("name").asText("")));
        }
        boolean sigmoid = post.contains("sigmoid");
        OutputKind kind = instanSeg() && config.path("output_kind").isMissingNode() ? OutputKind.LABELS
                : outputKind(output, config, sigmoid);
        OptionalDouble configured = DescriptionFields.number(config, "pixel_size_um",
                "config.pathlane.pixel_size_um", where);
        double pixelSize = configured.isPresent() ? DescriptionFields.pixelSize(configured.getAsDouble(),
                config.path("pixel_size_um"), "config.pathlane.pixel_size_um", where).getAsDouble() : axisPixelSize(inAxes);
        if (configured.isEmpty() && Double.isNaN(pixelSize)) {
            pixelSize = qupathPixelSize();
        }
        if (configured.isEmpty() && !Double.isNaN(pixelSize)) {
            DescriptionFields.pixelSize(pixelSize, new DoubleNode(pixelSize),
                    "inputs[0].axes y scale (µm)", where);
        }
        boolean said = !Double.isNaN(pixelSize);
        java.util.Map<String, WeightsSource> weights = weightsFiles();
        return new ModelSpec(
                root.path("name").asText(file.getParent().getFileName().toString()),
                file,
                weights.get("onnx"),
                weights.get("torchscript"),
                v05 ? input.path("id").asText("input") : input.path("name").asText("input"),
                v05 ? output.path("id").asText("output") : output.path("name").asText("output"),
                channels,
                inAxes.get(0).step == 0 && inAxes.get(0).min > 0 ? inAxes.get(0).min : 0,
                y.min,
                y.step,
                outputHalo(output),
                PreprocessingParser.parse(input.path("preprocessing"), where),
                channel,
                kind,
                sigmoid,
                DescriptionFields.integer(config, "output_channel", "config.pathlane.output_channel", where, 0, 0),
                said ? pixelSize : ModelSpec.DEFAULT_PIXEL_SIZE,
                said,
                SidecarDescription.postParams(config.path("postprocessing"), "config.pathlane.postprocessing", where),
                SidecarDescription.stainNormalised(config.path("stain"), where),
                testTensor(input, "test_inputs"),
                testTensor(output, "test_outputs"));
    }

    /**
     * An InstanSeg model as its exporter writes it: TorchScript weights with the post-processing inside,
     * one {@code instance} output of label images (channel 0 nuclei, channel 1 cells when it has two), its
     * pixel size under {@code config.qupath}. Its forward also takes optional named arguments (target,
     * thresholds); PathLane passes the image alone, so the module's own defaults apply.
     */
    private boolean instanSeg() {
        String text = (root.path("name").asText("") + " " + root.path("tags").toString()).toLowerCase(Locale.ROOT);
        return text.contains("instanseg");
    }

    /**
     * The pixel size QuPath's extensions read ({@code config.qupath.axes}, role x, step in µm): bioimage.io
     * 0.4 descriptions have no field for it, and InstanSeg writes it there.
     */
    private double qupathPixelSize() {
        for (JsonNode axis : root.path("config").path("qupath").path("axes")) {
            if (axis.path("role").asText("").equals("x")) {
                String unit = axis.path("unit").asText("um");
                if (!(unit.equals("um") || unit.equals("µm") || unit.startsWith("micro"))) {
                    throw new ModelException(where + ": config.qupath.axes x unit '" + unit + "' is not microns");
                }
                OptionalDouble step = DescriptionFields.number(axis, "step", "config.qupath.axes x step", where);
                return step.isPresent() ? DescriptionFields.pixelSize(step.getAsDouble(), axis.path("step"),
                        "config.qupath.axes x step", where).getAsDouble() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    private void checkNotInstanSeg(JsonNode outputs) {
        if (instanSeg() && outputs.size() > 1) {
            throw new ModelException(where + ": this is an InstanSeg model with raw outputs (embeddings, sigma, seeds);"
                    + " PathLane does not support the instanseg output kind yet. Export it with its post-processing"
                    + " (labels output) to use it.");
        }
    }

    private OutputKind outputKind(JsonNode output, JsonNode config, boolean sigmoid) {
        String said = config.path("output_kind").asText("");
        if (!said.isEmpty()) {
            return switch (said) {
                case "probability" -> OutputKind.PROBABILITY;
                case "labels" -> OutputKind.LABELS;
                case "instanseg" -> throw new ModelException(where + ": output kind instanseg is not supported yet");
                default -> throw new ModelException(where + ": config.pathlane.output_kind '" + said
                        + "' is not probability or labels");
            };
        }
        String dtype = v05 ? output.path("data").path("type").asText("") : output.path("data_type").asText("");
        if (dtype.startsWith("int") || dtype.startsWith("uint")) {
            return OutputKind.LABELS;
        }
        String names = (output.path("id").asText("") + output.path("name").asText("") + " "
                + output.path("description").asText("") + " " + output.path("axes").toString()).toLowerCase(Locale.ROOT);
        JsonNode range = output.path("data").path("range");
        boolean unitRange = range.size() == 2 && range.get(0).asDouble() == 0 && range.get(1).asDouble() == 1;
        if (sigmoid || unitRange || names.contains("prob") || names.contains("foreground")) {
            return OutputKind.PROBABILITY;
        }
        throw new ModelException(where + ": cannot tell what output '" + output.path(v05 ? "id" : "name").asText()
                + "' holds (found data type '" + dtype + "', no sigmoid, no [0,1] range); set config.pathlane.output_kind"
                + " to probability or labels");
    }

    /**
     * The weights PathLane can run, by bioimage.io weight format: {@code onnx} and {@code torchscript}.
     * Other formats (pytorch_state_dict, keras, tensorflow) need Python and are named in the error when
     * nothing runnable is left; a weights entry pointing at a download is refused rather than fetched.
     */
    private java.util.Map<String, WeightsSource> weightsFiles() {
        java.util.Map<String, WeightsSource> found = new java.util.HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String format : List.of("onnx", "torchscript")) {
            JsonNode entry = root.path("weights").path(format);
            if (entry.isMissingNode()) {
                continue;
            }
            String source = entry.path("source").asText("");
            Path weights = file.resolveSibling(source);
            if (source.contains("://")) {
                problems.add(format + " weights are at " + source + "; download them next to the description");
            } else if (source.isEmpty() || !Files.isRegularFile(weights)) {
                problems.add(format + " weights file '" + source + "' is missing");
            } else {
                found.put(format, WeightsSource.ofFile(weights));
            }
        }
        if (found.isEmpty()) {
            if (!problems.isEmpty()) {
                throw new ModelException(where + ": " + String.join("; ", problems));
            }
            throw new ModelException(where + ": the description has no onnx or torchscript weights (found: "
                    + root.path("weights").properties().stream().map(e -> e.getKey()).toList()
                    + "); PathLane runs ONNX and TorchScript models");
        }
        return found;
    }

    private Optional<Path> testTensor(JsonNode tensor, String v04Field) {
        String source = v05 ? tensor.path("test_tensor").path("source").asText("") : "";
        if (!v05 && root.path(v04Field).size() > 0) {
            source = root.path(v04Field).get(0).asText("");
        }
        if (source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(file.resolveSibling(source));
    }

    private int outputHalo(JsonNode output) {
        int halo = 0;
        if (v05) {
            for (JsonNode a : output.path("axes")) {
                halo = Math.max(halo, DescriptionFields.integer(a, "halo", "outputs[0].axes halo", where, 0, 0));
            }
        } else {
            JsonNode halos = output.path("halo");
            for (int i = 0; i < halos.size(); i++) {
                halo = Math.max(halo, DescriptionFields.integer(halos, i, "outputs[0].halo", where));
            }
        }
        return halo;
    }

    private static double axisPixelSize(List<Axis> axes) {
        Axis y = axes.get(2);
        return y.unit.startsWith("micro") || y.unit.equals("µm") || y.unit.equals("um") ? y.scale : Double.NaN;
    }

    private void requireBcyx(List<Axis> axes, String what) {
        String order = axes.stream().map(a -> a.id).reduce("", String::concat);
        if (!order.equals("bcyx")) {
            throw new ModelException(where + ": " + what + " axes are '" + order + "'; PathLane runs models whose axes are"
                    + " batch, channel, y, x (bcyx)");
        }
    }

    /** One axis as PathLane sees it: letter, minimum size, step (0 = fixed), physical scale. */
    private record Axis(String id, int min, int step, double scale, String unit) {
    }

    private List<Axis> axes(JsonNode tensor) {
        List<Axis> out = new ArrayList<>();
        JsonNode axes = tensor.path("axes");
        if (!v05) {
            String letters = axes.asText("");
            JsonNode shape = tensor.path("shape");
            for (int i = 0; i < letters.length(); i++) {
                int min;
                int step;
                if (shape.isArray()) {
                    min = shape.path(i).asInt(0);
                    step = 0;
                } else {
                    min = shape.path("min").path(i).asInt(0);
                    step = shape.path("step").path(i).asInt(0);
                }
                out.add(new Axis(String.valueOf(letters.charAt(i)), min, step, Double.NaN, ""));
            }
            return out;
        }
        for (JsonNode a : axes) {
            String type = a.path("type").asText("");
            String id = switch (type) {
                case "batch" -> "b";
                case "channel" -> "c";
                case "space" -> a.path("id").asText("x");
                default -> type;
            };
            int min;
            int step;
            JsonNode size = a.path("size");
            if (type.equals("channel")) {
                min = a.path("channel_names").size();
                step = 0;
            } else if (size.isInt()) {
                min = size.asInt();
                step = 0;
            } else if (size.has("min")) {
                min = size.path("min").asInt();
                step = size.path("step").asInt(0);
            } else {
                min = type.equals("batch") ? 0 : 1;
                step = type.equals("batch") ? 0 : 1;
            }
            out.add(new Axis(id, min, step, a.path("scale").asDouble(Double.NaN), a.path("unit").asText("")));
        }
        return out;
    }
}
