package org.pathlane.inference.export;

/**
 * Writes numbers as decimal text without {@link String#format} or {@link Double#toString} (several times
 * slower, and a large slide has tens of millions of values). Both exports write a measurement as the same
 * text, so {@code cells.csv} and {@code cells.geojson} carry identical values.
 */
final class Decimals {

    /** Room for any value either method writes: 19 digits, a sign, a point and 6 decimals. */
    static final int MAX_CHARS = 28;

    private static final long[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    /** Beyond this, scaling by 10⁶ leaves the range where a long holds every step exactly. */
    private static final double LIMIT = 1e12;

    private Decimals() {
    }

    /**
     * Writes {@code v} with exactly {@code decimals} (0 to 6) places, rounded half up, into {@code out}.
     *
     * @return how many chars were written; 0 for NaN, an infinity or a value too large to write this way
     */
    static int fixed(char[] out, double v, int decimals) {
        if (!(Math.abs(v) < LIMIT)) {
            return 0;
        }
        long scale = POWERS[decimals];
        return digits(out, Math.round(v * scale), decimals, false);
    }

    /**
     * Writes {@code v} when it is a whole number of thousandths (as the checkpoint rounds coordinates),
     * without trailing zeros: the same JSON number as {@link Double#toString} writes, parsed to the same double.
     *
     * @return how many chars were written; 0 when {@code v} is not such a value
     */
    static int thousandths(char[] out, double v) {
        if (!(Math.abs(v) < LIMIT)) {
            return 0;
        }
        long k = Math.round(v * 1000);
        if (k / 1000.0 != v) {
            return 0;
        }
        return digits(out, k, 3, true);
    }

    /** Appends {@code v} with {@code decimals} places; nothing for a value {@link #fixed} cannot write. */
    static boolean append(StringBuilder out, double v, int decimals, char[] scratch) {
        int n = fixed(scratch, v, decimals);
        out.append(scratch, 0, n);
        return n > 0;
    }

    /** {@code scaled / 10^decimals} as text. */
    private static int digits(char[] out, long scaled, int decimals, boolean stripZeros) {
        int at = 0;
        if (scaled < 0) {
            out[at++] = '-';
            scaled = -scaled;
        }
        long scale = POWERS[decimals];
        at = integer(out, at, scaled / scale);
        long fraction = scaled % scale;
        int places = decimals;
        if (stripZeros) {
            while (places > 0 && fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
        }
        if (places > 0) {
            out[at++] = '.';
            for (int i = places - 1; i >= 0; i--) {
                out[at + i] = (char) ('0' + fraction % 10);
                fraction /= 10;
            }
            at += places;
        }
        return at;
    }

    private static int integer(char[] out, int at, long v) {
        if (v == 0) {
            out[at] = '0';
            return at + 1;
        }
        int length = 0;
        for (long t = v; t > 0; t /= 10) {
            length++;
        }
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + length;
    }
}
