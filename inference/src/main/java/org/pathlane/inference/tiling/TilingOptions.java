package org.pathlane.inference.tiling;

/**
 * How to cut a slide into tiles.
 *
 * @param core            the core edge, in pixels at {@code mpp}: tiles' cores tile the slide without overlap
 * @param halo            context added on every side of the core, in pixels at {@code mpp}
 * @param mpp             the wanted microns per pixel of tile images (the model's pixel size)
 * @param tissueThreshold tiles whose core has a lower tissue fraction are skipped (0 keeps every tile)
 */
public record TilingOptions(int core, int halo, double mpp, double tissueThreshold) {

    public static final int DEFAULT_CORE = 512;
    public static final int DEFAULT_HALO = 64;
    public static final double DEFAULT_MPP = 0.5;
    public static final double DEFAULT_TISSUE_THRESHOLD = 0.05;

    public TilingOptions {
        if (core < 1) {
            throw new IllegalArgumentException("tile core must be at least 1 px, not " + core);
        }
        if (halo < 0) {
            throw new IllegalArgumentException("tile halo must not be negative, not " + halo);
        }
        if (!(mpp > 0) || Double.isInfinite(mpp)) {
            throw new IllegalArgumentException("tile resolution must be a positive µm/px, not " + mpp);
        }
        if (!(tissueThreshold >= 0 && tissueThreshold <= 1)) {
            throw new IllegalArgumentException("tissue threshold must be within 0..1, not " + tissueThreshold);
        }
    }

    /** 512 px core, 64 px halo, 0.5 µm/px, tissue threshold 0.05 (the segmentation defaults). */
    public static TilingOptions defaults() {
        return new TilingOptions(DEFAULT_CORE, DEFAULT_HALO, DEFAULT_MPP, DEFAULT_TISSUE_THRESHOLD);
    }

    /** The edge of every tile image: core plus a halo on both sides. */
    public int imageSize() {
        return core + 2 * halo;
    }
}
