package org.pathlane.app.slides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalDouble;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;

/**
 * What the library shows about a slide, read once at import and stored with the library entry as JSON so
 * the list appears without opening every file again.
 *
 * @param slideId the reader's content identity (names the cached thumbnail)
 * @param mpp microns per level-0 pixel, or NaN when the file does not say
 */
public record SlideFacts(String slideId, String vendor, long width, long height, int levels, double mpp, long bytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SlideFacts of(SlideReader reader, long bytes) {
        SlideLevel level0 = reader.levels().getFirst();
        OptionalDouble mpp = reader.mppX();
        return new SlideFacts(reader.id(), reader.vendor(), level0.width(), level0.height(), reader.levels().size(),
                mpp.orElse(Double.NaN), bytes);
    }

    public String toJson() {
        var node = JSON.createObjectNode().put("slideId", slideId).put("vendor", vendor).put("width", width).put("height", height)
                .put("levels", levels).put("bytes", bytes);
        if (!Double.isNaN(mpp)) {
            node.put("mpp", mpp);
        }
        return node.toString();
    }

    /** @throws IOException when the stored text is not what {@link #toJson} writes */
    public static SlideFacts fromJson(String json) throws IOException {
        if (json == null || json.isBlank()) {
            throw new IOException("no stored facts");
        }
        JsonNode n = JSON.readTree(json);
        if (!n.path("width").canConvertToLong() || !n.path("height").canConvertToLong()) {
            throw new IOException("stored facts lack width/height: " + json);
        }
        return new SlideFacts(n.path("slideId").asText(""), n.path("vendor").asText("?"), n.path("width").asLong(), n.path("height").asLong(),
                n.path("levels").asInt(1), n.has("mpp") ? n.path("mpp").asDouble() : Double.NaN, n.path("bytes").asLong());
    }

    /**
     * The pixel size segmentation uses when neither the file nor the job gives one: the model's, 0.5 µm/px for
     * the bundled model ({@code ModelSpec.DEFAULT_PIXEL_SIZE}).
     */
    public static final double ASSUMED_MPP = org.pathlane.inference.model.ModelSpec.DEFAULT_PIXEL_SIZE;

    /** Whether the file says how large its pixels are. */
    public boolean pixelSizeKnown() {
        return !Double.isNaN(mpp);
    }

    /**
     * What a user must know about a slide without a pixel size, or empty when it has one: nuclei sizes, the
     * scale bar and the model's input scale all rest on it.
     */
    public java.util.Optional<String> pixelSizeWarning() {
        return pixelSizeKnown() ? java.util.Optional.empty() : java.util.Optional.of(noPixelSize());
    }

    /** The warning for a slide whose file gives no pixel size. */
    public static String noPixelSize() {
        return String.format(Locale.ROOT, "No pixel size in the file: segmentation assumes %s µm/px (the default model's);"
                + " set Microns per pixel on the job if you know it.", ASSUMED_MPP);
    }

    /** "2,220 × 2,967 px · 1 level · 0.499 µm/px · aperio · 1.9 MB" */
    public String describe() {
        return String.format(Locale.ROOT, "%,d × %,d px · %d level%s · %s · %s · %s", width, height, levels,
                levels == 1 ? "" : "s", Double.isNaN(mpp) ? "pixel size unknown" : String.format(Locale.ROOT, "%.3f µm/px", mpp),
                vendor, bytes(bytes));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", n / (1024.0 * 1024 * 1024));
    }
}
