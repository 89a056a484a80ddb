package org.pathlane.app.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.dashboard.WorkflowRow;
import org.pathlane.inference.export.ResultSet;
import org.pathlane.scheduler.model.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results screen: the user's finished jobs (from the dashboard's live list), and for the selected one
 * its summary figures, nucleus count and files, with export of the GeoJSON and CSV.
 */
public final class ResultsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsViewModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UiExecutors executors;
    private final org.pathlane.app.session.FolderOpener folderOpener;
    private final ObservableList<ResultEntry> finished = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ResultEntry> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<JobResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public ResultsViewModel(DashboardViewModel dashboard, UiExecutors executors) {
        this(dashboard, executors, org.pathlane.app.session.FolderOpener.system());
    }

    public ResultsViewModel(DashboardViewModel dashboard, UiExecutors executors, org.pathlane.app.session.FolderOpener folderOpener) {
        this.executors = executors;
        this.folderOpener = folderOpener;
        dashboard.workflows().addListener((ListChangeListener<WorkflowRow>) c -> update(dashboard.workflows()));
        update(dashboard.workflows());
    }

    private void update(List<WorkflowRow> workflows) {
        boolean showUsers = workflows.stream().map(WorkflowRow::user).distinct().count() > 1;
        List<ResultEntry> done = workflows.stream().flatMap(w -> w.jobs().stream()
                        .filter(j -> j.status() == JobStatus.SUCCEEDED && j.resultDir() != null)
                        .map(j -> ResultEntry.of(j, w.name(), w.submittedAt(), showUsers)))
                .toList();
        if (done.equals(finished)) {
            return;
        }
        finished.setAll(done);
        ResultEntry was = selected.get();
        if (was != null) {
            // Keep showing the same job (its new entry), or nothing once it left the list.
            ResultEntry now = done.stream().filter(e -> e.is(was.job().workflowId(), was.job().jobId())).findFirst().orElse(null);
            if (now == null) {
                select((ResultEntry) null);
            } else if (!now.equals(was)) {
                selected.set(now);
            }
        }
    }

    /** The finished jobs with results, newest workflow first. */
    public ObservableList<ResultEntry> finishedJobs() {
        return finished;
    }

    /** The entry whose results are shown; always one of {@link #finishedJobs()}, or null. */
    public ReadOnlyObjectProperty<ResultEntry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Shows a job's results (e.g. from the dashboard's Results button). A job without results yet selects
     * nothing and says so, rather than showing a folder that does not exist.
     */
    public void select(JobRow job) {
        if (job == null) {
            select((ResultEntry) null);
            return;
        }
        finished.stream().filter(e -> e.is(job.workflowId(), job.jobId())).findFirst().ifPresentOrElse(this::select, () -> {
            select((ResultEntry) null);
            message.set("Job " + job.jobId() + " has no results yet: they appear here when it succeeds.");
        });
    }

    /** Shows an entry's results, read in the background. */
    public void select(ResultEntry entry) {
        if (entry != null && entry.equals(selected.get())) {
            return;
        }
        selected.set(entry);
        result.set(null);
        message.set("");
        if (entry == null) {
            return;
        }
        Path folder = entry.job().resultDir();
        executors.background().execute(() -> {
            JobResult read = read(folder);
            executors.fx().execute(() -> {
                if (entry.equals(selected.get())) {
                    result.set(read);
                }
            });
        });
    }

    /** Reads a result folder; a missing or damaged summary is reported in {@link JobResult#problem()}. */
    public static JobResult read(Path folder) {
        Map<String, String> summary = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        String problem = "";
        long cells = -1;
        String slide = null;
        if (!Files.isDirectory(folder)) {
            return new JobResult(folder, null, summary, -1, files, "The result folder " + folder + " is gone.");
        }
        try {
            ResultSet.complete(folder);
        } catch (IOException e) {
            problem = "Could not finish putting the results of " + folder + " in place: " + e.getMessage();
        }
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(Files::isRegularFile).sorted(Comparator.comparingLong(ResultsViewModel::size).reversed()).forEach(files::add);
        } catch (IOException e) {
            problem = "Could not list " + folder + ": " + e.getMessage();
        }
        Path summaryFile = folder.resolve("summary.json");
        if (Files.exists(summaryFile)) {
            try {
                JsonNode root = JSON.readTree(summaryFile.toFile());
                flatten("", root, summary);
                if (root.path("cells").canConvertToLong()) {
                    cells = root.path("cells").asLong();
                }
                slide = root.path("slide").isTextual() ? root.path("slide").asText() : null;
            } catch (IOException e) {
                problem = summaryFile + " is damaged (" + e.getMessage() + "); the other files may still be usable.";
            }
        }
        return new JobResult(folder, slide, summary, cells, files, problem);
    }

    /**
     * The name an export of {@code source} is offered under: after the slide and job, so exports of several
     * slides do not all default to "cells.csv", e.g. "case-7 · j1 · cells.csv" → "case-7-j1-cells.csv".
     */
    public static String exportName(ResultEntry entry, Path source) {
        String file = source.getFileName().toString();
        String slide = entry.job().slide() == null ? "" : stem(entry.job().slide());
        String base = (slide.isEmpty() ? "" : slide + "-") + entry.job().jobId() + "-" + file;
        return base.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
    }

    private static String stem(String slide) {
        try {
            Path name = Path.of(slide).getFileName();
            String text = name == null ? slide : name.toString();
            int dot = text.lastIndexOf('.');
            return dot > 0 ? text.substring(0, dot) : text;
        } catch (java.nio.file.InvalidPathException e) {
            return "";
        }
    }

    /** Shows a problem the view met, e.g. a folder it could not create. */
    public void reportProblem(String text) {
        message.set(text);
    }

    /** "Open folder": shows the result folder in the file manager, or says why not and where the folder is. */
    public void openFolder(Path folder) {
        executors.background().execute(() -> {
            try {
                folderOpener.open(folder);
            } catch (IOException e) {
                LOG.info("Could not show {} in a file manager: {}", folder, e.getMessage());
                String text = "Could not open the folder: " + e.getMessage() + ". It is " + folder
                        + " (copy the path into a file manager or terminal).";
                executors.fx().execute(() -> message.set(text));
            }
        });
    }

    /** Copies one of the result's files to where the user chose. */
    public void export(Path source, Path target) {
        executors.background().execute(() -> {
            String text;
            try {
                if (!Files.exists(source)) {
                    text = "This job wrote no " + source.getFileName() + ".";
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    text = "Exported " + source.getFileName() + " to " + target + ".";
                }
            } catch (IOException e) {
                LOG.warn("Export of {} to {} failed: {}", source, target, e.toString());
                text = "Could not export to " + target + ": " + e.getMessage() + ". Choose another folder.";
            }
            String shown = text;
            executors.fx().execute(() -> message.set(shown));
        });
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
