package org.pathlane.inference.slide;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Microns per pixel from OpenSlide's properties, believed only when a microscope can have given them.
 * {@code openslide.mpp-x/-y} when present; for a generic TIFF (where OpenSlide 3.4 reports none but 4.x
 * does) the TIFF resolution tags when their unit is centimetre, as OpenSlide 4 does. Inch-based
 * resolutions are ignored: scanners and converters leave 72 dpi placeholders there. A value outside
 * {@link #MIN} to {@link #MAX} µm/px (72 or 96 dpi written in centimetres is 352.8 or 264.6 µm/px) counts
 * as unknown, with a note saying what the file said: planned at face value, it upsampled a 300 px image
 * 700 times into tens of thousands of tiles.
 */
final class Mpp {

    private static final double MICRONS_PER_CM = 10_000;
    /** Finer than any light microscope resolves. */
    static final double MIN = 0.02;
    /** Coarser than a 1x overview scan; nuclei would be under a pixel. */
    static final double MAX = 10;
    private static final int[] DEFAULT_DPI = {72, 96, 150, 200, 300, 600};

    private Mpp() {
    }

    /** What the file says, when believable, and why not otherwise ({@code note} empty when nothing was refused). */
    record Reading(OptionalDouble x, OptionalDouble y, String note) {
    }

    static Reading read(Map<String, String> properties, String vendor) {
        OptionalDouble x = fromProperties(properties, vendor, "x");
        OptionalDouble y = fromProperties(properties, vendor, "y");
        for (OptionalDouble v : new OptionalDouble[] {x, y}) {
            if (v.isPresent() && !(v.getAsDouble() >= MIN && v.getAsDouble() <= MAX)) {
                return new Reading(OptionalDouble.empty(), OptionalDouble.empty(), implausible(v.getAsDouble()));
            }
        }
        return new Reading(x, y, "");
    }

    private static String implausible(double mpp) {
        String said = String.format(java.util.Locale.ROOT, "%.4g", mpp).replaceAll("\\.?0+$", "");
        String dpi = "";
        for (int d : DEFAULT_DPI) {
            if (Math.abs(25_400 / mpp - d) < 0.5) {
                dpi = " (" + d + " dpi, a default of imaging software, not a scan resolution)";
            }
        }
        return "its resolution tags say " + said + " µm/px" + dpi + ", which no microscope gives"
                + " (believable: " + MIN + " to " + (int) MAX + " µm/px); taken as unknown";
    }

    static OptionalDouble fromProperties(Map<String, String> properties, String vendor, String axis) {
        OptionalDouble direct = positive(properties.get("openslide.mpp-" + axis));
        if (direct.isPresent() || !"generic-tiff".equals(vendor)) {
            return direct;
        }
        String unit = properties.get("tiff.ResolutionUnit");
        if (unit == null || !unit.trim().equalsIgnoreCase("centimeter")) {
            return OptionalDouble.empty();
        }
        OptionalDouble pixelsPerCm = positive(properties.get("tiff." + axis.toUpperCase(java.util.Locale.ROOT)
                + "Resolution"));
        return pixelsPerCm.isPresent()
                ? OptionalDouble.of(MICRONS_PER_CM / pixelsPerCm.getAsDouble())
                : OptionalDouble.empty();
    }

    private static OptionalDouble positive(String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(value.trim());
            return Double.isFinite(v) && v > 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
