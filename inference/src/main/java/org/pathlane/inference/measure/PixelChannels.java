package org.pathlane.inference.measure;

import java.util.Locale;
import org.pathlane.inference.model.ColourDeconvolution;
import org.pathlane.inference.model.Matrix3;

/**
 * What a slide's pixels are measured as: on brightfield, hematoxylin and eosin optical density by colour
 * deconvolution (Ruifrok &amp; Johnston) with the slide's own stain vectors when the run estimated them, the
 * standard H&amp;E ones otherwise; on fluorescence, the nuclear channel's 8-bit intensity. Immutable.
 *
 * <p>Per channel a nucleus gets {@code mean, std dev, min, max} in that order; the values of one nucleus
 * are the channels' four one after the other ({@link #values()} in all).
 */
public final class PixelChannels {

    /** The two kinds of slide, which differ in what is measured. */
    public enum Kind { BRIGHTFIELD, FLUORESCENCE }

    /** Statistics per channel: mean, std dev, min, max. */
    public static final int STATISTICS = 4;

    /**
     * The residual (third) stain of the standard H&amp;E deconvolution: the DAB vector QuPath and
     * scikit-image use, so the standard hematoxylin weights are {@link ColourDeconvolution}'s own.
     */
    private static final double[] STANDARD_RESIDUAL = {0.268, 0.570, 0.776};
    private static final String[] COLOURS = {"red", "green", "blue"};
    private static final PixelChannels STANDARD = new PixelChannels(ColourDeconvolution.hematoxylinStain(),
            ColourDeconvolution.eosinStain(), Matrix3.unit(STANDARD_RESIDUAL), "standard H&E stain vectors");

    private final Kind kind;
    /** Hematoxylin then eosin weights on the OD of red, green, blue (brightfield). */
    private final float[] weights;
    /** The nuclear channel, 0 red, 1 green, 2 blue (fluorescence). */
    private final int channel;
    private final String description;

    private PixelChannels(double[] hematoxylin, double[] eosin, double[] residual, String description) {
        this.kind = Kind.BRIGHTFIELD;
        // OD = c · M (rows of M: the stains) → c = OD · M⁻¹: column k of M⁻¹ weighs OD into stain k.
        double[][] inverse = Matrix3.inverse(new double[][] {hematoxylin, eosin, residual});
        if (inverse == null) {
            throw new IllegalArgumentException("stain vectors that cannot be separated: " + description);
        }
        this.weights = new float[6];
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < 3; c++) {
                weights[3 * s + c] = (float) inverse[c][s];
            }
        }
        this.channel = -1;
        this.description = description;
    }

    private PixelChannels(int channel) {
        this.kind = Kind.FLUORESCENCE;
        this.weights = null;
        this.channel = channel;
        this.description = "fluorescence: the " + COLOURS[channel] + " channel";
    }

    /** Hematoxylin and eosin with the standard (Ruifrok &amp; Johnston) stain vectors. */
    public static PixelChannels standardHE() {
        return STANDARD;
    }

    /**
     * Hematoxylin and eosin with a slide's own stain vectors (unit OD colours, R G B); the third stain is
     * their cross product, as QuPath and Macenko's method take it.
     */
    public static PixelChannels brightfield(double[] hematoxylin, double[] eosin) {
        double[] h = Matrix3.unit(hematoxylin);
        double[] e = Matrix3.unit(eosin);
        return new PixelChannels(h, e, Matrix3.unit(Matrix3.cross(h, e)), String.format(Locale.ROOT,
                "the slide's stain vectors, hematoxylin (%.3f, %.3f, %.3f), eosin (%.3f, %.3f, %.3f)",
                h[0], h[1], h[2], e[0], e[1], e[2]));
    }

    /** The 8-bit intensity of one channel: 0 red, 1 green, 2 blue. */
    public static PixelChannels fluorescence(int channel) {
        if (channel < 0 || channel > 2) {
            throw new IllegalArgumentException("channel must be 0, 1 or 2, not " + channel);
        }
        return new PixelChannels(channel);
    }

    public Kind kind() {
        return kind;
    }

    /** How many channels are measured: 2 (hematoxylin, eosin) or 1 (the nuclear channel). */
    public int channels() {
        return kind == Kind.BRIGHTFIELD ? 2 : 1;
    }

    /** Values per nucleus: {@link #STATISTICS} per channel. */
    public int values() {
        return channels() * STATISTICS;
    }

    /** Hematoxylin optical density of one pixel ({@code 0xAARRGGBB}; transparent is glass: 0), clipped at 0. */
    public float hematoxylin(int argb) {
        return stain(argb, 0);
    }

    /** Eosin optical density of one pixel, clipped at 0. */
    public float eosin(int argb) {
        return stain(argb, 3);
    }

    private float stain(int p, int at) {
        if (p >>> 24 == 0) {
            return 0f;
        }
        float[] w = weights;
        float v = ColourDeconvolution.opticalDensity((p >> 16) & 0xff) * w[at]
                + ColourDeconvolution.opticalDensity((p >> 8) & 0xff) * w[at + 1]
                + ColourDeconvolution.opticalDensity(p & 0xff) * w[at + 2];
        return Math.max(0f, v);
    }

    /** The nuclear channel's intensity of one pixel (transparent: 0). */
    public int intensity(int argb) {
        return argb >>> 24 == 0 ? 0 : (argb >> (16 - 8 * channel)) & 0xff;
    }

    /** Hematoxylin then eosin weights on the OD of red, green and blue (a copy; brightfield only). */
    float[] weights() {
        return weights.clone();
    }

    /** One line saying what the intensities are measured as. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
