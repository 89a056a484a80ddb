package org.pathlane.inference.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, written as {@code summary.json} with the keys of the spec (plus notes saying where
 * the mpp, pixel size and device came from, and {@code warnings}: what makes the nuclei doubtful, empty
 * when nothing does), and {@code provenance}: everything needed to make the same result again (PathLane's
 * version, the model and the sha256 of its weights, the engine and its version, the device, every
 * parameter as given, the slide's fingerprint, the pixel size used and where it came from).
 */
public record SegmentSummary(String slide, long width, long height, double mpp, String mppSource, String model,
        double modelPixelSize, String modelPixelSizeSource, String device, String deviceNote, int tile, int halo,
        int batch, int tilesTotal, int tilesTissue, int tilesSkipped, long cells, String stain, double open, double tissue,
        double read, double infer, double post, double write, double total, List<String> warnings,
        Map<String, Object> provenance) {

    public SegmentSummary {
        warnings = List.copyOf(warnings);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slide", slide);
        m.put("width", width);
        m.put("height", height);
        m.put("mpp", mpp);
        m.put("mppSource", mppSource);
        m.put("model", model);
        m.put("modelPixelSize", modelPixelSize);
        m.put("modelPixelSizeSource", modelPixelSizeSource);
        m.put("device", device);
        if (!deviceNote.isEmpty()) {
            m.put("deviceNote", deviceNote);
        }
        m.put("tile", tile);
        m.put("halo", halo);
        m.put("batch", batch);
        m.put("tilesTotal", tilesTotal);
        m.put("tilesTissue", tilesTissue);
        m.put("tilesSkipped", tilesSkipped);
        m.put("cells", cells);
        m.put("stain", stain);
        m.put("warnings", warnings);
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("open", round(open));
        seconds.put("tissue", round(tissue));
        seconds.put("read", round(read));
        seconds.put("infer", round(infer));
        seconds.put("post", round(post));
        seconds.put("write", round(write));
        seconds.put("total", round(total));
        m.put("seconds", seconds);
        m.put("provenance", provenance);
        return m;
    }

    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
