package org.pathlane.inference.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.stitch.Nucleus;

/**
 * The per-nucleus measurements both exports carry, under one name each: the GeoJSON measurement key (what
 * QuPath's measurement table shows after <i>Import objects</i>, named as QuPath names its own) and, in
 * {@code cells.csv}, the same name in snake case ({@link #csvColumn()}: lower case, {@code µm^2} → {@code um2},
 * {@code µm} → {@code um}, anything else but letters and digits → {@code _}). Lengths are in µm and areas in
 * µm² (level-0 pixels times the slide's pixel size); optical density is unit-free; the nuclear channel is
 * its 8-bit intensity. Standard deviations are of the nucleus's pixels (divided by n, as NumPy's {@code std}).
 */
public enum Measurement {
    AREA("Area µm^2", 3, 2, Nucleus::areaPx),
    PERIMETER("Perimeter µm", 3, 1, n -> n.measurements().perimeter()),
    CIRCULARITY("Circularity", 4, 0, n -> n.measurements().circularity()),
    SOLIDITY("Solidity", 4, 0, n -> n.measurements().solidity()),
    MAX_CALIPER("Max caliper µm", 3, 1, n -> n.measurements().maxCaliper()),
    MAJOR_AXIS("Major axis µm", 3, 1, n -> n.measurements().majorAxis()),
    MINOR_AXIS("Minor axis µm", 3, 1, n -> n.measurements().minorAxis()),
    ECCENTRICITY("Eccentricity", 4, 0, n -> n.measurements().eccentricity()),
    HEMATOXYLIN_MEAN("Hematoxylin OD mean", 4, 0, n -> n.measurements().intensity(0)),
    HEMATOXYLIN_STD("Hematoxylin OD std dev", 4, 0, n -> n.measurements().intensity(1)),
    HEMATOXYLIN_MIN("Hematoxylin OD min", 4, 0, n -> n.measurements().intensity(2)),
    HEMATOXYLIN_MAX("Hematoxylin OD max", 4, 0, n -> n.measurements().intensity(3)),
    EOSIN_MEAN("Eosin OD mean", 4, 0, n -> n.measurements().intensity(4)),
    EOSIN_STD("Eosin OD std dev", 4, 0, n -> n.measurements().intensity(5)),
    EOSIN_MIN("Eosin OD min", 4, 0, n -> n.measurements().intensity(6)),
    EOSIN_MAX("Eosin OD max", 4, 0, n -> n.measurements().intensity(7)),
    NUCLEAR_MEAN("Nuclear channel mean", 3, 0, n -> n.measurements().intensity(0)),
    NUCLEAR_STD("Nuclear channel std dev", 3, 0, n -> n.measurements().intensity(1)),
    NUCLEAR_MIN("Nuclear channel min", 3, 0, n -> n.measurements().intensity(2)),
    NUCLEAR_MAX("Nuclear channel max", 3, 0, n -> n.measurements().intensity(3));

    private static final List<Measurement> SHAPE = List.of(AREA, PERIMETER, CIRCULARITY, SOLIDITY, MAX_CALIPER,
            MAJOR_AXIS, MINOR_AXIS, ECCENTRICITY);
    private static final List<Measurement> BRIGHTFIELD = with(HEMATOXYLIN_MEAN, HEMATOXYLIN_STD, HEMATOXYLIN_MIN,
            HEMATOXYLIN_MAX, EOSIN_MEAN, EOSIN_STD, EOSIN_MIN, EOSIN_MAX);
    private static final List<Measurement> FLUORESCENCE = with(NUCLEAR_MEAN, NUCLEAR_STD, NUCLEAR_MIN, NUCLEAR_MAX);

    private final String key;
    private final String column;
    private final int decimals;
    private final int micronsPower;
    private final ToDoubleFunction<Nucleus> pixels;

    Measurement(String key, int decimals, int micronsPower, ToDoubleFunction<Nucleus> pixels) {
        this.key = key;
        this.column = snakeCase(key);
        this.decimals = decimals;
        this.micronsPower = micronsPower;
        this.pixels = pixels;
    }

    /** What a run measures: the shape, then hematoxylin and eosin OD (brightfield) or the nuclear channel. */
    public static List<Measurement> of(PixelChannels.Kind kind) {
        return kind == PixelChannels.Kind.FLUORESCENCE ? FLUORESCENCE : BRIGHTFIELD;
    }

    /** The key in the GeoJSON's {@code properties.measurements}, e.g. {@code Max caliper µm}. */
    public String key() {
        return key;
    }

    /** The column in {@code cells.csv}: {@link #key()} in snake case, e.g. {@code max_caliper_um}. */
    public String csvColumn() {
        return column;
    }

    /** Decimal places both exports write (the same text in both files). */
    public int decimals() {
        return decimals;
    }

    /** The value of a nucleus in µm, µm² or its own unit; NaN when it was not measured. */
    public double value(Nucleus nucleus, double micronsPerPixel) {
        double v = pixels.applyAsDouble(nucleus);
        return switch (micronsPower) {
            case 1 -> v * micronsPerPixel;
            case 2 -> v * (micronsPerPixel * micronsPerPixel);
            default -> v;
        };
    }

    /** The measurement name in snake case: lower case, µm^2 → um2, µm → um, other characters → _. */
    static String snakeCase(String name) {
        String s = name.replace("µm^2", "um2").replace("µm", "um").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (word) {
                out.append(c);
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
        }
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '_') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static List<Measurement> with(Measurement... intensity) {
        List<Measurement> all = new ArrayList<>(SHAPE);
        Collections.addAll(all, intensity);
        return List.copyOf(all);
    }
}
