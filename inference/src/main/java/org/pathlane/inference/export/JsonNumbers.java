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
     * formatting a double costs several times more, and outlines are mostly whole pixel corners.
     */
    public static void write(JsonGenerator g, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < EXACT) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }
}
