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
 *   <li>hematoxylin = a 1×1 convolution with column 0 of the inverse Ruifrok–Johnston H&amp;E stain matrix,
 *       then ReLU (no negative stain);</li>
 *   <li>a Gaussian smoothing ({@code smoothSigma}) and a scale-normalised, blob-positive Laplacian of
 *       Gaussian ({@code -σ²∇²G}, {@code blobSigma} ≈ nucleus radius / √2) of the hematoxylin, both as
 *       separable pairs of 1-D convolutions with zero padding (the LoG as the sum of two such pairs);</li>
 *   <li>{@code score = smoothed + blobWeight · LoG}; foreground = {@code sigmoid(gain · (score - threshold))}.</li>
 * </ol>
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
        String plusOne = g.node("Add", List.of("rgb", g.scalar("one", 1f)));
        String fraction = g.node("Mul", List.of(plusOne, g.scalar("inv256", 1f / 256f)));
        String ln = g.node("Log", List.of(fraction));
        String od = g.node("Mul", List.of(ln, g.scalar("neg_inv_ln10", (float) (-1.0 / StrictMath.log(10.0)))));

        double[] h = ColourDeconvolution.hematoxylinWeights();
        String weights = g.constant("hematoxylin_vector", new long[] {1, 3, 1, 1}, (float) h[0], (float) h[1], (float) h[2]);
        String hema = g.node("Relu", List.of(g.node("Conv", List.of(od, weights),
                OnnxGraphBuilder.intsAttribute("kernel_shape", 1, 1))));

        float[] smoothing = gaussian(p.smoothSigma());
        String smooth = conv(g, conv(g, hema, "gaussian_y", smoothing, true), "gaussian_x", smoothing, false);
        float[] blobGauss = gaussian(p.blobSigma());
        float[] blobCurve = negativeSecondDerivative(p.blobSigma());
        String curveY = conv(g, conv(g, hema, "log_curve_y", blobCurve, true), "log_gauss_x", blobGauss, false);
        String curveX = conv(g, conv(g, hema, "log_gauss_y", blobGauss, true), "log_curve_x", blobCurve, false);
        String blob = g.node("Add", List.of(curveY, curveX));
        String weighted = g.node("Mul", List.of(blob, g.scalar("blob_weight", (float) p.blobWeight())));
        String score = g.node("Add", List.of(smooth, weighted));
        String centred = g.node("Sub", List.of(score, g.scalar("threshold", (float) p.threshold())));
        String scaled = g.node("Mul", List.of(centred, g.scalar("gain", (float) p.gain())));
        g.output(g.node("Sigmoid", List.of(scaled)), "foreground", "N", 1L, "H", "W");
        return g.model("pathlane_nuclei_default", "PathLane DefaultModelBuilder", "1", IR_VERSION, OPSET,
                "Classical nuclei detector: hematoxylin OD, Gaussian + LoG, sigmoid foreground. Parameters " + p);
    }

    /** A 1-D convolution along y ({@code vertical}) or x, zero-padded so the size is kept. */
    private static String conv(OnnxGraphBuilder g, String in, String name, float[] kernel, boolean vertical) {
        int k = kernel.length;
        int r = k / 2;
        long[] dims = vertical ? new long[] {1, 1, k, 1} : new long[] {1, 1, 1, k};
        String w = g.constant(name, dims, kernel);
        return g.node("Conv", List.of(in, w),
                OnnxGraphBuilder.intsAttribute("kernel_shape", dims[2], dims[3]),
                OnnxGraphBuilder.intsAttribute("pads", vertical ? r : 0, vertical ? 0 : r, vertical ? r : 0, vertical ? 0 : r));
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
