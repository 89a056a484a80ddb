package org.pathlane.inference.model.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pathlane.inference.model.ColourDeconvolution;

/**
 * Writes PathLane's bundled nuclei detector as an ONNX graph from documented parameters, so the shipped
 * {@code nuclei-default.onnx} is reproducible (a test rebuilds it and compares bytes) and runs through
 * the same ONNX Runtime path as any other model.
 *
 * <p>The graph, for an RGB input {@code N×3×H×W} in 0..255 at 0.5 µm/px:
 * <ol>
 *   <li>optical density {@code OD = -log10((I + 1) / 256)} per channel;</li>
 *   <li>hematoxylin = OD weighted by column 0 of the inverse Ruifrok–Johnston H&amp;E stain matrix and
 *       summed over the channels, then ReLU (no negative stain);</li>
 *   <li>a Gaussian smoothing ({@code smoothSigma}) and a scale-normalised, blob-positive Laplacian of
 *       Gaussian ({@code -σ²∇²G}, {@code blobSigma} ≈ nucleus radius / √2) of the hematoxylin, with zero
 *       padding;</li>
 *   <li>{@code score = smoothed + blobWeight · LoG}; foreground = {@code sigmoid(gain · (score - threshold))}.</li>
 * </ol>
 * <p>How it is laid out for speed (the function is the one above): the per-channel weights and the
 * constant part of the optical density are folded into one multiply, a channel mean and a bias instead of
 * a 1×1 convolution. The score is linear in the hematoxylin and its kernel is the sum of three separable
 * ones ({@code g₁(x)g₁(y)}, {@code h(y)g(x)} and {@code g(y)h(x)}), so it is two convolutions: a vertical
 * one with three output channels, then a horizontal one summing them, with the gain folded into its
 * weights and the threshold into its bias. ONNX Runtime runs these as two matrix products instead of six
 * single-channel convolutions: about 2.5 times faster on a CPU.
 * The batch, height and width axes are dynamic. Kernels are computed with {@link StrictMath} so the bytes
 * are the same on every JVM.
 */
public final class DefaultModelBuilder {

    /** The documented parameters of the bundled model (units: pixels at 0.5 µm/px, optical density). */
    public record Parameters(double smoothSigma, double blobSigma, double blobWeight, double threshold, double gain) {
        public static final Parameters SHIPPED = new Parameters(1.0, 4.0, 1.0, 0.6, 20.0);
    }

    public static final String FILE = "nuclei-default.onnx";
    private static final int OPSET = 13;
    private static final int IR_VERSION = 7;

    private DefaultModelBuilder() {
    }

    public static byte[] build(Parameters p) {
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        g.input("rgb", "N", 3L, "H", "W");
        double[] h = ColourDeconvolution.hematoxylinWeights();
        double log10e = 1.0 / StrictMath.log(10.0);
        String ln = g.node("Log", List.of(g.node("Add", List.of("rgb", g.scalar("one", 1f)))));
        // Σ w·OD = Σ w·(log10 256 - ln(I+1)·log10 e) = mean over channels of (-3·w·log10 e · ln(I+1)) + Σ w·log10 256
        String weighted = g.node("Mul", List.of(ln, g.constant("hematoxylin_vector", new long[] {1, 3, 1, 1},
                (float) (-3 * h[0] * log10e), (float) (-3 * h[1] * log10e), (float) (-3 * h[2] * log10e))));
        String mean = g.node("ReduceMean", List.of(weighted), OnnxGraphBuilder.intsAttribute("axes", 1));
        double offset = (h[0] + h[1] + h[2]) * StrictMath.log(256.0) * log10e;
        String hema = g.node("Relu", List.of(g.node("Add", List.of(mean, g.scalar("od_offset", (float) offset)))));

        float[] blobGauss = gaussian(p.blobSigma());
        float[] blobCurve = negativeSecondDerivative(p.blobSigma());
        int k = Math.max(blobGauss.length, gaussian(p.smoothSigma()).length);
        float[] smoothing = centred(gaussian(p.smoothSigma()), k);
        float[] gaussWide = centred(blobGauss, k);
        float[] curveWide = centred(blobCurve, k);
        // Vertical pass, one channel per separable term: smoothing, LoG curve along y, LoG Gaussian along y.
        String vertical = conv(g, hema, "score_y", true, 3, 1, concat(smoothing, curveWide, gaussWide), null);
        // Horizontal pass summing the three terms, times the gain, minus the threshold: the sigmoid's argument.
        float gain = (float) p.gain();
        float blob = (float) (p.blobWeight() * p.gain());
        String argument = conv(g, vertical, "score_x", false, 1, 3,
                concat(scaled(smoothing, gain), scaled(gaussWide, blob), scaled(curveWide, blob)),
                (float) (-p.gain() * p.threshold()));
        g.output(g.node("Sigmoid", List.of(argument)), "foreground", "N", 1L, "H", "W");
        return g.model("pathlane_nuclei_default", "PathLane DefaultModelBuilder", "1", IR_VERSION, OPSET,
                "Classical nuclei detector: hematoxylin OD, Gaussian + LoG, sigmoid foreground. Parameters " + p);
    }

    /**
     * A 1-D convolution along y ({@code vertical}) or x, zero-padded so the size is kept.
     *
     * @param kernels {@code out × in} kernels of equal length, one after the other
     * @param bias    added to the (single) output channel, or null
     */
    private static String conv(OnnxGraphBuilder g, String in, String name, boolean vertical, int out, int channels,
            float[] kernels, Float bias) {
        int k = kernels.length / (out * channels);
        int r = k / 2;
        long[] dims = vertical ? new long[] {out, channels, k, 1} : new long[] {out, channels, 1, k};
        List<String> inputs = bias == null ? List.of(in, g.constant(name, dims, kernels))
                : List.of(in, g.constant(name, dims, kernels), g.constant(name + "_bias", new long[] {1}, bias));
        return g.node("Conv", inputs,
                OnnxGraphBuilder.intsAttribute("kernel_shape", dims[2], dims[3]),
                OnnxGraphBuilder.intsAttribute("pads", vertical ? r : 0, vertical ? 0 : r, vertical ? r : 0, vertical ? 0 : r));
    }

    /** The kernel in the middle of {@code length} taps, zeros around it. */
    private static float[] centred(float[] kernel, int length) {
        float[] out = new float[length];
        System.arraycopy(kernel, 0, out, (length - kernel.length) / 2, kernel.length);
        return out;
    }

    private static float[] scaled(float[] kernel, float factor) {
        float[] out = new float[kernel.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = kernel[i] * factor;
        }
        return out;
    }

    private static float[] concat(float[]... kernels) {
        int n = 0;
        for (float[] k : kernels) {
            n += k.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] k : kernels) {
            System.arraycopy(k, 0, out, at, k.length);
            at += k.length;
        }
        return out;
    }

    /** Normalised 1-D Gaussian, radius ⌈3σ⌉. */
    static float[] gaussian(double sigma) {
        int r = (int) StrictMath.ceil(3 * sigma);
        double[] v = new double[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            v[t + r] = StrictMath.exp(-(t * t) / (2 * sigma * sigma));
            sum += v[t + r];
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / sum);
        }
        return out;
    }

    /**
     * {@code -σ² g''} for the normalised 1-D Gaussian g, radius ⌈3σ⌉, shifted to sum to zero. The 2-D
     * scale-normalised, blob-positive Laplacian of Gaussian {@code -σ²∇²G} is
     * {@code h(x)·g(y) + g(x)·h(y)} with this h: four 1-D convolutions instead of one (2r+1)² kernel.
     * Summing to zero means flat stain gives no response.
     */
    static float[] negativeSecondDerivative(double sigma) {
        int r = (int) StrictMath.ceil(3 * sigma);
        float[] g = gaussian(sigma);
        double[] h = new double[g.length];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            h[t + r] = (1 - (t * t) / (sigma * sigma)) * g[t + r];
            sum += h[t + r];
        }
        double mean = sum / h.length;
        float[] out = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = (float) (h[i] - mean);
        }
        return out;
    }

    /** Regenerates the shipped file: {@code DefaultModelBuilder DIR} writes {@code DIR/nuclei-default.onnx}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "inference/src/main/resources/org/pathlane/inference/model/builtin");
        Files.write(dir.resolve(FILE), build(Parameters.SHIPPED));
    }
}
