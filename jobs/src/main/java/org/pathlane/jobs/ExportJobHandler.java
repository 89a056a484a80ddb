package org.pathlane.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.pathlane.inference.export.ResultSet;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;
import org.pathlane.scheduler.api.ParamSpec.Kind;

/**
 * The {@code export} job ("Export measurements"): copies the measurements of a segmentation job of the same
 * workflow ({@code cells.csv}, {@code cells.geojson} or both, with its {@code summary.json}) into a folder
 * of the user's choice, e.g. a shared drive, named after the workflow and job so exports never overwrite
 * each other. Parameters: {@code source} (the segmentation job's id; draw an arrow from it so this job
 * waits for it), {@code folder} (required), {@code format} ({@code csv}, {@code geojson} or {@code both}).
 */
public final class ExportJobHandler implements JobHandler {

    public static final String TYPE = "export";
    public static final JobType SCHEMA = new JobType(TYPE, "Export measurements",
            "Copies a segmentation's measurements (CSV/GeoJSON) to a folder. Draw an arrow from that job.",
            List.of(new ParamSpec("source", "Source job", Kind.JOB, null, true, List.of(SegmentJobHandler.SCHEMA.name()),
                            "the segmentation job to export, e.g. j1"),
                    new ParamSpec("folder", "To folder", Kind.TEXT, null, true, List.of(), "e.g. a shared drive"),
                    new ParamSpec("format", "Format", Kind.CHOICE, "csv", true, List.of("csv", "geojson", "both"), "")));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobType schema() {
        return SCHEMA;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Map<String, Object> p = context.params();
        SCHEMA.check(p);
        String source = p.get("source").toString();
        Path target = Path.of(p.get("folder").toString());
        String format = SCHEMA.value(p, "format").toString();
        // The source is named by job id and must be a job of this workflow: never a path, so no template can
        // reach another workflow's or another profile's results.
        Path from;
        try {
            from = context.resultDirOf(source);
        } catch (IllegalArgumentException e) {
            throw new IOException("export job: field \"source\": " + e.getMessage());
        }
        if (!Files.isDirectory(from)) {
            throw new IOException("export job: job '" + source + "' of this workflow has no results yet; check that an "
                    + "arrow makes this job wait for it");
        }
        Files.createDirectories(target);
        String prefix = context.workflowId().substring(0, Math.min(8, context.workflowId().length())) + "-"
                + source.replaceAll("[^A-Za-z0-9._-]", "_") + "-";
        List<String> files = switch (format) {
            case "csv" -> List.of("cells.csv", "summary.json");
            case "geojson" -> List.of("cells.geojson", "summary.json");
            default -> List.of("cells.csv", "cells.geojson", "summary.json");
        };
        // The source as one whole set (a kill while it was being written is finished or undone first), the
        // copy as one whole set too: a kill leaves the target's previous export or the new one, never a mix.
        ResultSet.complete(from);
        int done = 0;
        try (ResultSet copy = ResultSet.begin(target, prefix, ResultSet.Steps.NONE)) {
            for (String name : files) {
                context.cancellation().throwIfCancelled();
                Path file = from.resolve(name);
                if (!Files.exists(file)) {
                    throw new IOException("export job: job '" + source + "' did not write "
                            + name + " (is it a segmentation job?)");
                }
                Files.copy(file, copy.stage(prefix + name), StandardCopyOption.REPLACE_EXISTING);
                context.progress().report(++done, files.size(), "copied " + name);
            }
            copy.commit();
        }
    }

}
