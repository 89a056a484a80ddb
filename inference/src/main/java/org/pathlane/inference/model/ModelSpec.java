package org.pathlane.inference.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything PathLane needs to know about a segmentation model, read from its bioimage.io description
 * or {@code model.json} sidecar. Tensors are always N×C×H×W.
 *
 * @param name            for people and the summary
 * @param description     the file the facts were read from (named in every error)
 * @param weights         the ONNX weights, or null when the description has none
 * @param torchscript     the TorchScript weights, or null when the description has none
 * @param inputName       the ONNX input tensor
 * @param outputName      the ONNX output tensor
 * @param channels        input channels (1 or 3)
 * @param fixedBatch      the batch size the model insists on, or 0 when the batch axis is dynamic
 * @param minSize         smallest spatial size (y and x are treated alike)
 * @param step            allowed increments above {@code minSize}; 0 means the size is fixed
 * @param halo            pixels at each border the model itself says to discard
 * @param preprocessing   applied in order to each sample
 * @param channel         what the model sees of an RGB slide
 * @param outputKind      how the output becomes instances
 * @param sigmoid         whether a sigmoid turns the raw output into a probability
 * @param outputChannel   which output channel holds the foreground/labels
 * @param pixelSize       microns per pixel the model was trained at
 * @param pixelSizeSaid   false when {@code pixelSize} is PathLane's default because the description was silent
 * @param post            post-processing parameters
 * @param testInput       the description's test input tensor, when it has one
 * @param testOutput      the description's expected output for it
 */
public record ModelSpec(
        String name,
        Path description,
        WeightsSource weights,
        WeightsSource torchscript,
        String inputName,
        String outputName,
        int channels,
        int fixedBatch,
        int minSize,
        int step,
        int halo,
        List<Preprocessing> preprocessing,
        ChannelChoice channel,
        OutputKind outputKind,
        boolean sigmoid,
        int outputChannel,
        double pixelSize,
        boolean pixelSizeSaid,
        PostprocessParams post,
        boolean stainNormalised,
        Optional<Path> testInput,
        Optional<Path> testOutput) {

    /** Microns per pixel PathLane assumes when a model does not say. */
    public static final double DEFAULT_PIXEL_SIZE = 0.5;

    public ModelSpec {
        preprocessing = List.copyOf(preprocessing);
        if (weights == null && torchscript == null) {
            throw new ModelException(description + ": names no weights PathLane can run (onnx or torchscript)");
        }
    }

    /** The weights the engine runs, if the description has them. */
    public Optional<WeightsSource> weightsFor(ModelEngine engine) {
        return Optional.ofNullable(switch (engine) {
            case ONNX -> weights;
            case TORCHSCRIPT -> torchscript;
            case AUTO -> weights != null ? weights : torchscript;
        });
    }

    /** The engines the description has weights for, ONNX first. */
    public List<ModelEngine> engines() {
        List<ModelEngine> engines = new java.util.ArrayList<>();
        if (weights != null) {
            engines.add(ModelEngine.ONNX);
        }
        if (torchscript != null) {
            engines.add(ModelEngine.TORCHSCRIPT);
        }
        return engines;
    }

    /** True when several tiles can go into one call. */
    public boolean dynamicBatch() {
        return fixedBatch == 0;
    }

    /** Whether the model accepts a square input of {@code size} pixels. */
    public boolean accepts(int size) {
        if (size < minSize) {
            return false;
        }
        return step == 0 ? size == minSize : (size - minSize) % step == 0;
    }

    /** The smallest accepted size at least {@code wanted}, or -1 when the size is fixed and smaller. */
    public int acceptedSizeAtLeast(int wanted) {
        if (step == 0) {
            return wanted <= minSize ? minSize : -1;
        }
        if (wanted <= minSize) {
            return minSize;
        }
        int steps = (wanted - minSize + step - 1) / step;
        return minSize + steps * step;
    }
}
