package org.pathlane.inference.model;

import java.util.Arrays;

/**
 * One bioimage.io preprocessing step, applied in place to one sample laid out C×H×W. Statistics are
 * always computed per sample, so a tile gives the same input whatever batch it travels in.
 */
public sealed interface Preprocessing {

    /** What the step does, with its values, for the checkpoint's fingerprint and the summary. */
    default String description() {
        String text = toString();
        int open = text.indexOf('[');
        return id() + (open < 0 ? "" : " {" + text.substring(open + 1, text.length() - 1) + "}");
    }

    /** bioimage.io's id of the step, for the summary and errors. */
    String id();

    void apply(float[] sample, int channels, int pixels);

    /** {@code x * gain + offset}. */
    record ScaleLinear(float gain, float offset) implements Preprocessing {
        @Override
        public String id() {
            return "scale_linear";
        }

        @Override
        public void apply(float[] sample, int channels, int pixels) {
            int n = channels * pixels;
            for (int i = 0; i < n; i++) {
                sample[i] = sample[i] * gain + offset;
            }
        }
    }

    /**
     * {@code (x - mean) / (std + eps)}; with {@code fixed} the given mean/std, otherwise the sample's own,
     * per channel unless {@code acrossChannels}.
     */
    record ZeroMeanUnitVariance(boolean fixed, float mean, float std, float eps, boolean acrossChannels)
            implements Preprocessing {
        @Override
        public String id() {
            return fixed ? "fixed_zero_mean_unit_variance" : "zero_mean_unit_variance";
        }

        @Override
        public void apply(float[] sample, int channels, int pixels) {
            for (Range r : Range.of(channels, pixels, acrossChannels)) {
                double m = mean;
                double s = std;
                if (!fixed) {
                    double sum = 0;
                    for (int i = r.from; i < r.to; i++) {
                        sum += sample[i];
                    }
                    m = sum / (r.to - r.from);
                    double sq = 0;
                    for (int i = r.from; i < r.to; i++) {
                        double d = sample[i] - m;
                        sq += d * d;
                    }
                    s = Math.sqrt(sq / (r.to - r.from));
                }
                double div = s + eps;
                for (int i = r.from; i < r.to; i++) {
                    sample[i] = (float) ((sample[i] - m) / div);
                }
            }
        }
    }

    /** Maps the sample's {@code minPercentile}..{@code maxPercentile} range to 0..1. */
    record ScaleRange(double minPercentile, double maxPercentile, float eps, boolean acrossChannels)
            implements Preprocessing {
        @Override
        public String id() {
            return "scale_range";
        }

        @Override
        public void apply(float[] sample, int channels, int pixels) {
            for (Range r : Range.of(channels, pixels, acrossChannels)) {
                float[] sorted = Arrays.copyOfRange(sample, r.from, r.to);
                Arrays.sort(sorted);
                double lo = percentile(sorted, minPercentile);
                double hi = percentile(sorted, maxPercentile);
                double div = hi - lo + eps;
                for (int i = r.from; i < r.to; i++) {
                    sample[i] = (float) ((sample[i] - lo) / div);
                }
            }
        }

        /**
         * The same step with its percentiles taken over {@code pixels} values of every channel at once,
         * laid out C×N (e.g. the tissue pixels of a slide's thumbnail).
         */
        public SlideRange over(float[] values, int channels, int pixels, String basis) {
            Range[] ranges = Range.of(channels, pixels, acrossChannels);
            float[] lo = new float[ranges.length];
            float[] hi = new float[ranges.length];
            for (int k = 0; k < ranges.length; k++) {
                float[] sorted = Arrays.copyOfRange(values, ranges[k].from, ranges[k].to);
                Arrays.sort(sorted);
                lo[k] = (float) percentile(sorted, minPercentile);
                hi[k] = (float) percentile(sorted, maxPercentile);
            }
            return new SlideRange(lo, hi, eps, acrossChannels, basis);
        }

        /** Linear interpolation between closest ranks, as numpy's default. */
        static double percentile(float[] sorted, double p) {
            double pos = p / 100.0 * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            double f = pos - lo;
            return sorted[lo] * (1 - f) + sorted[hi] * f;
        }
    }

    /**
     * {@code scale_range} with its percentiles taken once over a whole slide's tissue instead of each
     * tile: every tile of the slide then sees the same mapping, as QuPath's InstanSeg extension does
     * (a tile that is mostly glass is not stretched to full contrast).
     *
     * @param lo    per statistics range (one per channel, or one across channels): the value mapped to 0
     * @param hi    the value mapped to 1
     * @param basis what the percentiles were taken over, for the summary
     */
    record SlideRange(float[] lo, float[] hi, float eps, boolean acrossChannels, String basis) implements Preprocessing {
        @Override
        public String id() {
            return "scale_range";
        }

        @Override
        public void apply(float[] sample, int channels, int pixels) {
            Range[] ranges = Range.of(channels, pixels, acrossChannels);
            for (int k = 0; k < ranges.length; k++) {
                double div = hi[k] - lo[k] + eps;
                for (int i = ranges[k].from; i < ranges[k].to; i++) {
                    sample[i] = (float) ((sample[i] - lo[k]) / div);
                }
            }
        }

        /** For the checkpoint's fingerprint and the summary. */
        public String description() {
            return "scale_range over " + basis + ": " + Arrays.toString(lo) + ".." + Arrays.toString(hi);
        }
    }

    /** Limits values to {@code min..max}. */
    record Clip(float min, float max) implements Preprocessing {
        @Override
        public String id() {
            return "clip";
        }

        @Override
        public void apply(float[] sample, int channels, int pixels) {
            int n = channels * pixels;
            for (int i = 0; i < n; i++) {
                sample[i] = Math.max(min, Math.min(max, sample[i]));
            }
        }
    }

    /**
     * Casts to a data type. Models here take float32, so floating types are a no-op; integer types round
     * and saturate as numpy's {@code astype} after clipping would.
     */
    record EnsureDtype(String dtype) implements Preprocessing {
        @Override
        public String id() {
            return "ensure_dtype";
        }

        @Override
        public void apply(float[] sample, int channels, int pixels) {
            double lo;
            double hi;
            switch (dtype) {
                case "float32", "float64", "float16" -> {
                    return;
                }
                case "uint8" -> { lo = 0; hi = 255; }
                case "uint16" -> { lo = 0; hi = 65535; }
                case "int8" -> { lo = -128; hi = 127; }
                case "int16" -> { lo = -32768; hi = 32767; }
                default -> { lo = -Double.MAX_VALUE; hi = Double.MAX_VALUE; }
            }
            int n = channels * pixels;
            for (int i = 0; i < n; i++) {
                sample[i] = (float) Math.max(lo, Math.min(hi, Math.rint(sample[i])));
            }
        }
    }

    /** The stretches of a C×H×W sample that share statistics. */
    record Range(int from, int to) {
        static Range[] of(int channels, int pixels, boolean acrossChannels) {
            if (acrossChannels) {
                return new Range[] {new Range(0, channels * pixels)};
            }
            Range[] ranges = new Range[channels];
            for (int c = 0; c < channels; c++) {
                ranges[c] = new Range(c * pixels, (c + 1) * pixels);
            }
            return ranges;
        }
    }
}
