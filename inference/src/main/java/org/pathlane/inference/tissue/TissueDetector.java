package org.pathlane.inference.tissue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.OptionalDouble;
import org.pathlane.inference.slide.SlideImages;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.SlideThumbnail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds tissue on a slide thumbnail. Brightfield slides (light background) are thresholded on
 * saturation, where glass is grey and stained tissue is coloured: smoothed, split with Otsu's threshold
 * (never below a floor, so a blank slide stays blank instead of splitting its noise). Fluorescence
 * slides (dark background) show nuclei rather than tissue: stained pixels are found with Otsu on
 * brightness, and tissue is wherever they are dense over a few cell diameters. Then specks are removed and
 * small holes filled, with sizes in µm² so the result does not depend on the thumbnail scale.
 */
public final class TissueDetector {

    private static final Logger LOG = LoggerFactory.getLogger(TissueDetector.class);

    /** {@link TissueDetection#channel()} of a brightfield slide (tissue darker and more saturated than glass). */
    public static final String BRIGHTFIELD = "saturation";

    /** Glass is below this saturation (0..255) however the histogram falls. */
    static final int MIN_SATURATION = 20;
    /** A dark fluorescence background is below this brightness (0..255). */
    static final int MIN_BRIGHTNESS = 25;
    /** Fluorescence tissue: at least 2 % stained pixels (5 of 255) within the window. */
    static final int MIN_STAINED_DENSITY = 5;
    private static final int SMOOTHING_RADIUS = 2;
    /** A median brightness (0..255) at or above this is brightfield: glass or light tissue dominates. */
    static final int MAX_FLUORESCENCE_MEDIAN = 100;
    /** A median below this is a black background: fluorescence whatever the rest looks like. */
    static final int BLACK_BACKGROUND = 25;
    /** Between the two, fluorescence when the mean brightness is at least this many times the median. */
    static final double MIN_FLUORESCENCE_SKEW = 1.3;
    /** Half-width of the window over which stained pixels are counted on fluorescence slides. */
    private static final double FLUORESCENCE_WINDOW_UM = 25;
    /**
     * A brightfield thumbnail with less glass than this (bright, unsaturated pixels) is a crop from inside
     * tissue. Every scanned slide has far more: scanners frame the tissue with glass.
     */
    static final double MAX_GLASS_OF_A_CROP = 0.01;
    /** Glass is at least this bright (0..255, the brightest channel). */
    static final int MIN_GLASS_BRIGHTNESS = 200;
    /** Assumed when the slide does not say, matching the pipeline's default model resolution. */
    private static final double ASSUMED_MPP = 0.5;

    private final int thumbnailLongSide;
    private final double minSpeckAreaUm2;
    private final double maxHoleAreaUm2;

    /**
     * @param thumbnailLongSide the long side of the thumbnail to analyse, in pixels
     * @param minSpeckAreaUm2   tissue pieces smaller than this are dropped (dust, debris)
     * @param maxHoleAreaUm2    background holes inside tissue smaller than this are filled
     */
    public TissueDetector(int thumbnailLongSide, double minSpeckAreaUm2, double maxHoleAreaUm2) {
        this.thumbnailLongSide = thumbnailLongSide;
        this.minSpeckAreaUm2 = minSpeckAreaUm2;
        this.maxHoleAreaUm2 = maxHoleAreaUm2;
    }

    /** 1536 px thumbnail; specks under 0.005 mm² dropped; holes under 0.02 mm² filled. */
    public static TissueDetector defaults() {
        return new TissueDetector(SlideThumbnail.DEFAULT_LONG_SIDE, 5_000, 20_000);
    }

    /**
     * Makes the thumbnail and finds tissue on it.
     *
     * @throws IOException naming the slide when its pixels cannot be read
     */
    public TissueDetection detect(SlideReader slide) throws IOException {
        SlideThumbnail thumbnail = SlideThumbnail.of(slide, thumbnailLongSide);
        TissueDetection detection = detect(thumbnail, slide.mppX());
        LOG.debug("{}: tissue {} % of the slide ({} >= {})", slide.path(),
                String.format("%.1f", detection.mask().fraction() * 100), detection.channel(), detection.threshold());
        return detection;
    }

    /** Finds tissue on an existing thumbnail; {@code mpp} is the slide's level-0 µm/px when known. */
    public TissueDetection detect(SlideThumbnail thumbnail, OptionalDouble mpp) {
        BufferedImage rgb = thumbnail.image();
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        int[] pixels = rgb.getType() == BufferedImage.TYPE_INT_RGB
                ? SlideImages.pixels(rgb) : rgb.getRGB(0, 0, width, height, null, 0, width);
        boolean fluorescence = looksFluorescent(pixels);
        double micronsPerPixel = mpp.orElse(ASSUMED_MPP);
        int[] channel = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int max = Math.max((p >> 16) & 0xff, Math.max((p >> 8) & 0xff, p & 0xff));
            int min = Math.min((p >> 16) & 0xff, Math.min((p >> 8) & 0xff, p & 0xff));
            channel[i] = fluorescence ? max : (max == 0 ? 0 : (max - min) * 255 / max);
        }
        int threshold;
        if (fluorescence) {
            // Fluorescence shows nuclei, not tissue: find the stained pixels, then call tissue wherever
            // they are dense enough over a few cell diameters.
            int stained = Math.max(otsu(channel), MIN_BRIGHTNESS);
            for (int i = 0; i < channel.length; i++) {
                channel[i] = channel[i] >= stained ? 255 : 0;
            }
            int radius = (int) Math.max(SMOOTHING_RADIUS, Math.round(FLUORESCENCE_WINDOW_UM
                    / (micronsPerPixel * Math.max(thumbnail.downsampleX(), thumbnail.downsampleY()))));
            channel = boxBlur(channel, width, height, radius);
            threshold = MIN_STAINED_DENSITY;
        } else {
            channel = boxBlur(channel, width, height, SMOOTHING_RADIUS);
            threshold = Math.max(otsu(channel), MIN_SATURATION);
        }
        boolean[] mask = new boolean[pixels.length];
        boolean glassless = !fluorescence && glassFraction(pixels) < MAX_GLASS_OF_A_CROP;
        if (glassless) {
            // A crop from inside tissue (an exported tile, an annotated image): Otsu would split the tissue
            // itself, and speck removal then drops what it kept. There is no background to find.
            java.util.Arrays.fill(mask, true);
            LOG.info("no glass in the image: all of it is taken as tissue");
        } else {
            for (int i = 0; i < mask.length; i++) {
                mask[i] = channel[i] >= threshold;
            }
        }
        double pixelAreaUm2 = micronsPerPixel * thumbnail.downsampleX() * micronsPerPixel * thumbnail.downsampleY();
        MaskCleaner.removeSpecks(mask, width, height, (int) Math.ceil(minSpeckAreaUm2 / pixelAreaUm2));
        MaskCleaner.fillHoles(mask, width, height, (int) Math.ceil(maxHoleAreaUm2 / pixelAreaUm2));
        TissueMask tissue = new TissueMask(width, height, mask, thumbnail.downsampleX(), thumbnail.downsampleY());
        return new TissueDetection(thumbnail, tissue, fluorescence ? "stained-density" : BRIGHTFIELD, threshold, glassless);
    }

    /** The share of pixels that look like glass: bright and unsaturated. */
    static double glassFraction(int[] pixels) {
        long glass = 0;
        for (int p : pixels) {
            int max = Math.max((p >> 16) & 0xff, Math.max((p >> 8) & 0xff, p & 0xff));
            int min = Math.min((p >> 16) & 0xff, Math.min((p >> 8) & 0xff, p & 0xff));
            if (max >= MIN_GLASS_BRIGHTNESS && (max - min) * 255 < MIN_SATURATION * max) {
                glass++;
            }
        }
        return pixels.length == 0 ? 1 : (double) glass / pixels.length;
    }

    /**
     * Fluorescence is a dark background holding sparse bright objects: the median brightness is dark and
     * the bright few lift the mean well above it (the DAPI slide's thumbnail: median 4, mean 13). Dark
     * brightfield is dense tissue without glass, such as spleen full of blood (a 40x NuInsSeg crop: median
     * 42, mean 44): as dark, but its brightness is spread evenly about the median.
     */
    static boolean looksFluorescent(int[] pixels) {
        int[] histogram = new int[256];
        double sum = 0;
        for (int p : pixels) {
            int v = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;
            histogram[v]++;
            sum += v;
        }
        int median = 255;
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (seen * 2L >= pixels.length) {
                median = v;
                break;
            }
        }
        double mean = sum / Math.max(1, pixels.length);
        return median < MAX_FLUORESCENCE_MEDIAN
                && (median < BLACK_BACKGROUND || mean >= MIN_FLUORESCENCE_SKEW * median);
    }

    /** Otsu's threshold of 0..255 values: the first value of the upper class (0 when all values are equal). */
    public static int otsu(int[] values) {
        long[] histogram = new long[256];
        for (int v : values) {
            histogram[v]++;
        }
        long total = values.length;
        double sumAll = 0;
        for (int v = 0; v < 256; v++) {
            sumAll += (double) v * histogram[v];
        }
        double sumBelow = 0;
        long below = 0;
        double best = -1;
        int threshold = 0;
        for (int t = 0; t < 255; t++) {
            below += histogram[t];
            sumBelow += (double) t * histogram[t];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                threshold = t + 1;
            }
        }
        return threshold;
    }

    /** Separable box blur with edge clamping, by running sums: O(pixels) whatever the radius. */
    static int[] boxBlur(int[] in, int width, int height, int radius) {
        int[] tmp = new int[in.length];
        int[] out = new int[in.length];
        int span = 2 * radius + 1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += in[row + clamp(k, width)];
            }
            for (int x = 0; x < width; x++) {
                tmp[row + x] = sum / span;
                sum += in[row + clamp(x + radius + 1, width)] - in[row + clamp(x - radius, width)];
            }
        }
        for (int x = 0; x < width; x++) {
            int sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += tmp[clamp(k, height) * width + x];
            }
            for (int y = 0; y < height; y++) {
                out[y * width + x] = sum / span;
                sum += tmp[clamp(y + radius + 1, height) * width + x] - tmp[clamp(y - radius, height) * width + x];
            }
        }
        return out;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
