package org.pathlane.inference.model;

import java.util.Arrays;

/** What every engine does with a network's output: check its shape, take the wanted channel, apply the sigmoid. */
public final class ModelOutputs {

    private ModelOutputs() {
    }

    /**
     * Checks an output against the batch that produced it.
     *
     * @return the output's channel count
     */
    public static int check(ModelSpec spec, String outputName, long[] outputShape, int n, int size) {
        if (outputShape.length != 4 || outputShape[0] != n || outputShape[2] != size || outputShape[3] != size
                || spec.outputChannel() >= outputShape[1]) {
            throw new ModelException(spec.description() + ": output '" + outputName + "' has shape "
                    + Arrays.toString(outputShape) + " for an input of " + Arrays.toString(
                    new long[] {n, spec.channels(), size, size}) + " (channel " + spec.outputChannel() + " wanted)");
        }
        return (int) outputShape[1];
    }

    /** The spec's output channel of every sample of an N×C×H×W output, sigmoid applied when the spec says so. */
    public static float[] channel(ModelSpec spec, float[] all, int channels, int n, int pixels) {
        float[] result = new float[n * pixels];
        for (int b = 0; b < n; b++) {
            System.arraycopy(all, (b * channels + spec.outputChannel()) * pixels, result, b * pixels, pixels);
        }
        return finish(spec, result);
    }

    /** Applies the description's sigmoid in place, when it has one. */
    public static float[] finish(ModelSpec spec, float[] values) {
        if (spec.sigmoid()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
            }
        }
        return values;
    }
}
