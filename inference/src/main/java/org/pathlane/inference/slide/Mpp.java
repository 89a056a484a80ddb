package org.pathlane.inference.slide;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Microns per pixel from OpenSlide's properties. {@code openslide.mpp-x/-y} when present; for a
 * generic TIFF (where OpenSlide 3.4 reports none but 4.x does) the TIFF resolution tags when their
 * unit is centimetre, as OpenSlide 4 does. Inch-based resolutions are ignored: scanners and
 * converters leave 72 dpi placeholders there.
 */
final class Mpp {

    private static final double MICRONS_PER_CM = 10_000;

    private Mpp() {
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
