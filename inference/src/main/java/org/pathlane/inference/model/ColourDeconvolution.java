package org.pathlane.inference.model;

/**
 * Optical density and hematoxylin/eosin colour deconvolution after Ruifrok &amp; Johnston (2001), with
 * their standard H&amp;E(+DAB residual) stain vectors, the same defaults QuPath and scikit-image use.
 * OD = -log10((I + 1) / 256) for an 8-bit intensity I, so white glass is 0.
 */
public final class ColourDeconvolution {

    /** Normalised OD colour of hematoxylin, eosin and the residual (DAB) stain, rows R,G,B. */
    private static final double[][] STAINS = {
        {0.650, 0.704, 0.286},
        {0.072, 0.990, 0.105},
        {0.268, 0.570, 0.776},
    };

    /** Column 0 of the inverse stain matrix: OD(R,G,B) · HEMATOXYLIN = hematoxylin concentration. */
    private static final double[] HEMATOXYLIN = inverseColumn0();

    private static final float[] OD_TABLE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            OD_TABLE[i] = (float) od(i);
        }
    }

    private ColourDeconvolution() {
    }

    public static double od(int intensity) {
        return -Math.log10((intensity + 1) / 256.0);
    }

    /** {@link #od} of an 8-bit intensity, from a table. */
    public static float opticalDensity(int intensity) {
        return OD_TABLE[intensity];
    }

    /** The unit OD colour (R, G, B) of hematoxylin. */
    public static double[] hematoxylinStain() {
        return Matrix3.unit(STAINS[0]);
    }

    /** The unit OD colour (R, G, B) of eosin. */
    public static double[] eosinStain() {
        return Matrix3.unit(STAINS[1]);
    }

    /** Hematoxylin weights for OD of red, green, blue (a copy). */
    public static double[] hematoxylinWeights() {
        return HEMATOXYLIN.clone();
    }

    /** Hematoxylin optical density of one RGB pixel ({@code 0xRRGGBB}; alpha ignored), clipped at 0. */
    public static float hematoxylin(int rgb) {
        float h = (float) (OD_TABLE[(rgb >> 16) & 0xff] * HEMATOXYLIN[0]
                + OD_TABLE[(rgb >> 8) & 0xff] * HEMATOXYLIN[1]
                + OD_TABLE[rgb & 0xff] * HEMATOXYLIN[2]);
        return Math.max(0f, h);
    }

    private static double[] inverseColumn0() {
        double[][] m = {Matrix3.unit(STAINS[0]), Matrix3.unit(STAINS[1]), Matrix3.unit(STAINS[2])};
        // OD = c · M (c: stain concentrations, rows of M: stains) → c = OD · M⁻¹; hematoxylin is column 0 of M⁻¹.
        double[][] inverse = Matrix3.inverse(m);
        return new double[] {inverse[0][0], inverse[1][0], inverse[2][0]};
    }
}
