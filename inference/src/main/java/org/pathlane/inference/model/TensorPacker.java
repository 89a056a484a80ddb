package org.pathlane.inference.model;

/**
 * Turns RGB tiles into a model's input: the channel(s) it sees of the slide, then every preprocessing
 * step of its description, one sample at a time.
 */
public final class TensorPacker {

    private final ModelSpec spec;

    public TensorPacker(ModelSpec spec) {
        this.spec = spec;
    }

    /**
     * One tile as one sample, {@code channels × size × size}.
     *
     * @param argb {@code size × size} pixels, row-major, {@code 0xAARRGGBB}; transparent pixels count as white glass
     */
    public float[] pack(int[] argb, int size) {
        int pixels = size * size;
        int channels = spec.channels();
        float[] sample = new float[channels * pixels];
        for (int i = 0; i < pixels; i++) {
            int p = argb[i];
            int rgb = (p >>> 24) == 0 ? 0xffffff : p & 0xffffff;
            switch (spec.channel()) {
                case RGB -> {
                    sample[i] = (rgb >> 16) & 0xff;
                    sample[pixels + i] = (rgb >> 8) & 0xff;
                    sample[2 * pixels + i] = rgb & 0xff;
                }
                case HEMATOXYLIN -> sample[i] = ColourDeconvolution.hematoxylin(rgb);
                case GRAY -> sample[i] = 0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff);
            }
        }
        preprocess(sample, pixels);
        return sample;
    }

    /** Applies the description's preprocessing to one C×H×W sample in place. */
    public void preprocess(float[] sample, int pixels) {
        for (Preprocessing step : spec.preprocessing()) {
            step.apply(sample, spec.channels(), pixels);
        }
    }
}
