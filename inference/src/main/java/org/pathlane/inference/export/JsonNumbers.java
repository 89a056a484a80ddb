package org.pathlane.inference.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes numbers into JSON the cheap way when they allow it. */
public final class JsonNumbers {

    /** Integers up to this size are exact as doubles. */
    private static final double EXACT = 1L << 53;

    private JsonNumbers() {
    }

    /**
     * Writes a whole number as an integer ({@code 1234}, not {@code 1234.0}): the same JSON value, but
     * formatting a double costs several times more, and outlines are mostly whole pixel corners. A whole
     * number of thousandths (the checkpoint rounds coordinates so) is written as its digits, as cheaply;
     * anything else as Jackson writes a double. Every value reads back as the same double.
     */
    public static void write(JsonGenerator g, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < EXACT) {
            g.writeNumber((long) v);
            return;
        }
        char[] text = new char[Decimals.MAX_CHARS];
        int n = Decimals.thousandths(text, v);
        if (n > 0) {
            g.writeNumber(text, 0, n);
        } else {
            g.writeNumber(v);
        }
    }
}
