package org.pathlane.app.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.pathlane.inference.export.ResultSet;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;

/**
 * The {@code export} job ("Export measurements"): copies the measurements of a segmentation job of the same
 * workflow ({@code cells.csv}, {@code cells.geojson} or both, with its {@code summary.json}) into a folder
 * of the user's choice, e.g. a shared drive, named after the workflow and job so exports never overwrite
 * each other. Parameters: {@code source} (the segmentation job's id; draw an arrow from it so this job
 * waits for it), {@code folder} (required), {@code format} ({@code csv}, {@code geojson} or {@code both}).
 */
public final class ExportJobHandler implements JobHandler {

    public static final String TYPE = "export";
    private static final List<String> FORMATS = List.of("csv", "geojson", "both");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(Map<String, Object> params) {
        text(params, "source");
        text(params, "folder");
        format(params);
    }

    @Override
    public void run(JobContext context) throws Exception {
        Map<String, Object> p = context.params();
        String source = text(p, "source");
        Path target = Path.of(text(p, "folder"));
        String format = format(p);
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

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("export job: parameter '" + key + "' is required");
        }
        return s;
    }

    private static String format(Map<String, Object> p) {
        Object v = p.getOrDefault("format", "csv");
        if (!FORMATS.contains(String.valueOf(v))) {
            throw new IllegalArgumentException("export job: parameter 'format' must be one of " + FORMATS + ", got " + v);
        }
        return v.toString();
    }
}
