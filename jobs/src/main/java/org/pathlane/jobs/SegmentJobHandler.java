package org.pathlane.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;
import org.pathlane.scheduler.api.ParamSpec.Kind;

/**
 * The scheduler's {@code segment} job: runs the segmentation pipeline into the job's result folder. It
 * maps the pipeline's callbacks onto the engine's: cancellation is checked before every batch, progress
 * is tiles done / tissue tiles, and each finished tile is published as a {@link TileCells} event. A job
 * put back to PENDING after a crash resumes from the checkpoint in its result folder.
 *
 * <p>Parameters: {@link #SCHEMA}.
 */
public final class SegmentJobHandler implements JobHandler {

    /** The segment job's parameters: the one declaration the editor, the settings and validation read. */
    public static final JobType SCHEMA = new JobType("segment", "Segment nuclei",
            "Finds tissue, tiles it and segments every nucleus with a model.",
            List.of(JobHandlers.slide(),
                    new ParamSpec("model", "Model", Kind.MODEL, "default", true, List.of(),
                            "\"default\" or the folder/zip of a bioimage.io model"),
                    new ParamSpec("engine", "Engine", Kind.CHOICE, ModelEngine.AUTO.id(), false,
                            Arrays.stream(ModelEngine.values()).map(ModelEngine::id).toList(),
                            "auto runs a model's ONNX weights when it has them, else its TorchScript weights"),
                    new ParamSpec("device", "Device", Kind.CHOICE, "auto", false,
                            Arrays.stream(Device.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList(),
                            "auto uses CUDA when it loads, else the CPU"),
                    new ParamSpec("tile", "Tile (px)", Kind.INTEGER, (long) SegmentRequest.DEFAULT_TILE, false, List.of(),
                            "core size of a tile").range(SegmentRequest.MIN_TILE, SegmentRequest.MAX_TILE),
                    new ParamSpec("halo", "Halo (px)", Kind.INTEGER, (long) SegmentRequest.DEFAULT_HALO, false, List.of(),
                            "overlap on every side").range(0, SegmentRequest.MAX_HALO),
                    new ParamSpec("batch", "Batch", Kind.INTEGER, (long) SegmentRequest.DEFAULT_BATCH, false, List.of(),
                            "tiles per inference call").range(1, SegmentRequest.MAX_BATCH),
                    new ParamSpec("tissueThreshold", "Tissue threshold", Kind.DECIMAL,
                            SegmentRequest.DEFAULT_TISSUE_THRESHOLD, false, List.of(), "minimum tissue fraction of a tile")
                            .range(0, 1),
                    new ParamSpec("region", "Region X,Y,W,H", Kind.TEXT, null, false, List.of(),
                            "optional, level-0 pixels; empty = whole slide"),
                    new ParamSpec("mpp", "Microns per pixel", Kind.DECIMAL, null, false, List.of(),
                            "optional; overrides or supplies the slide's").range(SegmentRequest.MIN_MPP, SegmentRequest.MAX_MPP),
                    new ParamSpec("noTissue", "Skip tissue detection", Kind.BOOLEAN, false, false, List.of(),
                            "process every tile, background too")));

    private final Segmentation segmentation;
    /** What a job asking for {@code auto} runs on at this node ({@code pathlane node --device}). */
    private final Device nodeDevice;

    public SegmentJobHandler() {
        this(Segmentations.standard());
    }

    public SegmentJobHandler(Segmentation segmentation) {
        this(segmentation, Device.AUTO);
    }

    /** @param nodeDevice the device of this node for jobs that leave it to the node ({@code auto}) */
    public SegmentJobHandler(Segmentation segmentation, Device nodeDevice) {
        this.segmentation = segmentation;
        this.nodeDevice = nodeDevice;
    }

    @Override
    public String type() {
        return SCHEMA.name();
    }

    @Override
    public JobType schema() {
        return SCHEMA;
    }

    @Override
    public void validate(Map<String, Object> params) {
        SCHEMA.check(params);
        request(params, Path.of("."));
    }

    @Override
    public void run(JobContext context) throws Exception {
        SegmentRequest request = request(context.params(), context.resultDir());
        JobHandlers.requireReachable(request.slide());
        if (request.device() == Device.AUTO && nodeDevice != Device.AUTO) {
            request = new SegmentRequest(request.slide(), request.out(), request.model(), nodeDevice, request.tile(),
                    request.halo(), request.batch(), request.region(), request.tissueThreshold(), request.useTissue(),
                    request.mpp(), request.engine());
        }
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
        SCHEMA.check(p);
        try {
            return new SegmentRequest(Path.of(string(p, "slide")), out, string(p, "model"),
                    Device.parse(string(p, "device")),
                    integer(p, "tile"), integer(p, "halo"), integer(p, "batch"),
                    Optional.ofNullable(p.get("region")).map(r -> SegmentRequest.parseRegion(r.toString())),
                    ((Number) SCHEMA.value(p, "tissueThreshold")).doubleValue(),
                    !Boolean.TRUE.equals(p.get("noTissue")),
                    p.get("mpp") instanceof Number mpp ? OptionalDouble.of(mpp.doubleValue()) : OptionalDouble.empty(),
                    ModelEngine.parse(string(p, "engine")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("segment job: " + e.getMessage(), e);
        }
    }

    private static String string(Map<String, Object> p, String key) {
        return SCHEMA.value(p, key).toString();
    }

    private static int integer(Map<String, Object> p, String key) {
        return ((Number) SCHEMA.value(p, key)).intValue();
    }
}
