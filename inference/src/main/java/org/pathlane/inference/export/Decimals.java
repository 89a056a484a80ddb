package org.pathlane.inference.export;

/**
 * Writes a number with a fixed count of decimals, rounded half up, without {@link String#format} (several
 * times slower, and a large slide has millions of values). Both exports write the same text for a value.
 */
final class Decimals {

    private static final long[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};

    private Decimals() {
    }

    /**
     * Appends {@code v} with {@code decimals} (0 to 6) places; nothing for NaN or an infinity.
     *
     * @return whether anything was appended
     */
    static boolean append(StringBuilder out, double v, int decimals) {
        if (!Double.isFinite(v)) {
            return false;
        }
        long scale = POWERS[decimals];
        long r = Math.round(v * scale);
        if (r < 0) {
            out.append('-');
            r = -r;
        }
        out.append(r / scale);
        if (decimals > 0) {
            out.append('.');
            long fraction = r % scale;
            for (long p = scale / 10; p > 1 && fraction < p; p /= 10) {
                out.append('0');
            }
            out.append(fraction);
        }
        return true;
    }
}
