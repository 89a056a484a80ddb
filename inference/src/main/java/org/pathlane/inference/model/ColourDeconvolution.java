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
    private static final double[] HEMATOXYLIN = inverseRow0();

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

    /** The unit OD colour (R, G, B) of hematoxylin. */
    public static double[] hematoxylinStain() {
        return unit(STAINS[0]);
    }

    /** The unit OD colour (R, G, B) of eosin. */
    public static double[] eosinStain() {
        return unit(STAINS[1]);
    }

    private static double[] unit(double[] v) {
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
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

    private static double[] inverseRow0() {
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            double norm = Math.sqrt(STAINS[r][0] * STAINS[r][0] + STAINS[r][1] * STAINS[r][1] + STAINS[r][2] * STAINS[r][2]);
            for (int c = 0; c < 3; c++) {
                m[r][c] = STAINS[r][c] / norm;
            }
        }
        // OD = c · M (c: stain concentrations, rows of M: stains) → c = OD · M⁻¹; hematoxylin is column 0 of M⁻¹.
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        return new double[] {
            (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det,
            -(m[1][0] * m[2][2] - m[1][2] * m[2][0]) / det,
            (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det,
        };
    }
}
