package org.pathlane.inference.model;

import java.util.List;

/**
 * Turns RGB tiles into a model's input: the channel(s) it sees of the slide, then every preprocessing
 * step of its description, one sample at a time.
 */
public final class TensorPacker {

    private final ModelSpec spec;
    private final List<Preprocessing> steps;

    public TensorPacker(ModelSpec spec) {
        this(spec, spec.preprocessing());
    }

    /** A packer with the description's steps as fitted to one slide ({@link SlideNormalisation}). */
    public TensorPacker(ModelSpec spec, List<Preprocessing> steps) {
        this.spec = spec;
        this.steps = List.copyOf(steps);
    }

    /**
     * One tile as one sample, {@code channels × size × size}.
     *
     * @param argb {@code size × size} pixels, row-major, {@code 0xAARRGGBB}; transparent pixels count as white glass
     */
    public float[] pack(int[] argb, int size) {
        float[] sample = channels(argb, size * size);
        preprocess(sample, size * size);
        return sample;
    }

    /** The channel(s) the model sees of {@code pixels} ARGB pixels, C×N, before any preprocessing. */
    public float[] channels(int[] argb, int pixels) {
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
        return sample;
    }

    /** Applies the description's preprocessing to one C×H×W sample in place. */
    public void preprocess(float[] sample, int pixels) {
        for (Preprocessing step : steps) {
            step.apply(sample, spec.channels(), pixels);
        }
    }
}
