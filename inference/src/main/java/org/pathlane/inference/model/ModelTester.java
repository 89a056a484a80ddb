package org.pathlane.inference.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a model's own test input through the same path as slide tiles (preprocessing, ONNX Runtime,
 * sigmoid) and compares with its expected test output: the check that PathLane reads the description right.
 */
public final class ModelTester {

    /** Differences below this count as a pass (bioimage.io's own tests use a similar absolute tolerance). */
    public static final double TOLERANCE = 1e-4;

    /**
     * @param maxDifference largest absolute difference over every element
     * @param elements      elements compared
     * @param shape         the test input's shape
     */
    public record Result(double maxDifference, long elements, long[] shape) {
        public boolean passed() {
            return maxDifference <= TOLERANCE;
        }
    }

    private ModelTester() {
    }

    public static Result test(SegmentationModel model) throws IOException {
        ModelSpec spec = model.spec();
        Path in = spec.testInput().orElseThrow(() -> new ModelException(spec.description() + ": lists no test input tensor"));
        Path out = spec.testOutput().orElseThrow(() -> new ModelException(spec.description() + ": lists no test output tensor"));
        Npy input = Npy.read(in);
        Npy expected = Npy.read(out);
        long[] s = input.shape();
        if (s.length != 4 || s[1] != spec.channels() || s[2] != s[3]) {
            throw new ModelException(in + ": test input has shape " + Arrays.toString(s) + "; expected N×"
                    + spec.channels() + "×S×S");
        }
        int n = (int) s[0];
        int size = (int) s[2];
        int pixels = size * size;
        float[] batch = input.values().clone();
        TensorPacker packer = new TensorPacker(spec);
        int sampleLength = spec.channels() * pixels;
        for (int b = 0; b < n; b++) {
            float[] sample = Arrays.copyOfRange(batch, b * sampleLength, (b + 1) * sampleLength);
            packer.preprocess(sample, pixels);
            System.arraycopy(sample, 0, batch, b * sampleLength, sampleLength);
        }
        float[] result = model.run(batch, n, size);
        long[] es = expected.shape();
        if (es.length != 4 || es[0] != n || es[2] != size || es[3] != size) {
            throw new ModelException(out + ": test output has shape " + Arrays.toString(es) + ", which does not match"
                    + " the input " + Arrays.toString(s));
        }
        int outChannels = (int) es[1];
        double max = 0;
        for (int b = 0; b < n; b++) {
            int from = (b * outChannels + spec.outputChannel()) * pixels;
            for (int i = 0; i < pixels; i++) {
                max = Math.max(max, Math.abs(result[b * pixels + i] - expected.values()[from + i]));
            }
        }
        return new Result(max, (long) n * pixels, s);
    }
}
