package org.pathlane.app.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.segment.SegmentRequest;
import org.pathlane.inference.segment.SegmentSummary;
import org.pathlane.inference.segment.Segmentation;
import org.pathlane.inference.segment.SegmentationListener;
import org.pathlane.inference.segment.Segmentations;
import org.pathlane.inference.segment.TileCells;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;

/**
 * The scheduler's {@code segment} job: runs the segmentation pipeline into the job's result folder. It
 * maps the pipeline's callbacks onto the engine's: cancellation is checked before every batch, progress
 * is tiles done / tissue tiles, and each finished tile is published as a {@link TileCells} event. A job
 * put back to PENDING after a crash resumes from the checkpoint in its result folder.
 *
 * <p>Parameters: {@code slide} (required path), {@code model} ({@code default}), {@code device}
 * ({@code auto}), {@code tile} (512), {@code halo} (64), {@code batch} (8), {@code region}
 * ({@code "X,Y,W,H"}), {@code tissueThreshold} (0.05), {@code noTissue} (false), {@code mpp}.
 */
public final class SegmentJobHandler implements JobHandler {

    private static final List<String> KNOWN = List.of("slide", "model", "device", "tile", "halo", "batch", "region",
            "tissueThreshold", "noTissue", "mpp", "engine");

    private final Segmentation segmentation;

    public SegmentJobHandler() {
        this(Segmentations.standard());
    }

    public SegmentJobHandler(Segmentation segmentation) {
        this.segmentation = segmentation;
    }

    @Override
    public String type() {
        return "segment";
    }

    @Override
    public void validate(Map<String, Object> params) {
        request(params, Path.of("."));
    }

    @Override
    public void run(JobContext context) throws Exception {
        SegmentRequest request = request(context.params(), context.resultDir());
        SegmentSummary summary = segmentation.run(request, new SegmentationListener() {
            @Override
            public void tileDone(int col, int row, List<Nucleus> cells) {
                context.emit(new TileCells(col, row, cells));
            }

            @Override
            public void progress(long done, long total) {
                context.progress().report(done, total, done + " of " + total + " tissue tiles");
            }

            @Override
            public boolean cancelled() {
                return context.cancellation().isCancelled();
            }
        });
        if (!summary.warnings().isEmpty()) {
            // The last progress message is what the dashboard shows beside a finished job.
            context.progress().report(summary.tilesTissue(), summary.tilesTissue(),
                    summary.cells() + " nuclei; warning: " + String.join(" Warning: ", summary.warnings()));
        }
    }

    /** The job's parameters as a request; a bad one fails naming the field. */
    static SegmentRequest request(Map<String, Object> p, Path out) {
        for (String key : p.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("segment job: unknown parameter '" + key + "' (known: " + KNOWN + ")");
            }
        }
        Object slide = p.get("slide");
        if (!(slide instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("segment job: parameter 'slide' (the slide file) is required");
        }
        try {
            return new SegmentRequest(Path.of(s), out, string(p, "model", "default"),
                    Device.parse(string(p, "device", "auto")),
                    integer(p, "tile", SegmentRequest.DEFAULT_TILE), integer(p, "halo", SegmentRequest.DEFAULT_HALO),
                    integer(p, "batch", SegmentRequest.DEFAULT_BATCH),
                    Optional.ofNullable(p.get("region")).map(r -> SegmentRequest.parseRegion(r.toString())),
                    number(p, "tissueThreshold", SegmentRequest.DEFAULT_TISSUE_THRESHOLD),
                    !Boolean.TRUE.equals(p.get("noTissue")),
                    p.containsKey("mpp") ? OptionalDouble.of(number(p, "mpp", 0)) : OptionalDouble.empty(),
                    ModelEngine.parse(string(p, "engine", "auto")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("segment job: " + e.getMessage(), e);
        }
    }

    private static String string(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null ? fallback : v.toString();
    }

    private static int integer(Map<String, Object> p, String key, int fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("parameter '" + key + "' must be a whole number, got " + v);
    }

    private static double number(Map<String, Object> p, String key, double fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + key + "' must be a number, got " + v);
    }
}
