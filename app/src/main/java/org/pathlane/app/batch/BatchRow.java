package org.pathlane.app.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.dashboard.WorkflowRow;
import org.pathlane.scheduler.model.JobStatus;

/**
 * One batch on the dashboard: a template run on many slides, one workflow each.
 *
 * @param progress 0..1 over all its slides (a running job counts with its own progress)
 * @param open     workflows that have not ended (what Cancel batch stops)
 */
public record BatchRow(String id, String name, String user, int slides, int succeeded, int failed, int cancelled, int running,
                       double progress, List<String> open) {

    public BatchRow {
        open = List.copyOf(open);
    }

    public int finished() {
        return succeeded + failed + cancelled;
    }

    public boolean cancellable() {
        return !open.isEmpty();
    }

    /** Slides not started yet (including workflows still being submitted, not listed yet). */
    public int waiting() {
        return Math.max(0, slides - finished() - running);
    }

    /** "5 of 12 slides done · 2 running · 1 failed" */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(finished() + " of " + slides + " slides done");
        if (running > 0) {
            parts.add(running + " running");
        }
        int waiting = waiting();
        if (waiting > 0) {
            parts.add(waiting + " waiting");
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (cancelled > 0) {
            parts.add(cancelled + " cancelled");
        }
        return String.join(" · ", parts) + String.format(Locale.ROOT, " (%.0f %%)", progress * 100);
    }

    /** The batches among the dashboard's workflows, in the order their first workflow appears. */
    public static List<BatchRow> of(List<WorkflowRow> workflows) {
        Map<String, List<WorkflowRow>> byBatch = new LinkedHashMap<>();
        for (WorkflowRow w : workflows) {
            BatchTag.of(w.name()).ifPresent(tag -> byBatch.computeIfAbsent(w.user() + "/" + tag.id(), k -> new ArrayList<>()).add(w));
        }
        List<BatchRow> rows = new ArrayList<>();
        for (List<WorkflowRow> members : byBatch.values()) {
            WorkflowRow first = members.getFirst();
            BatchTag tag = BatchTag.of(first.name()).orElseThrow();
            int slides = Math.max(tag.count(), members.size());
            int succeeded = 0;
            int failed = 0;
            int cancelled = 0;
            int running = 0;
            double done = 0;
            List<String> open = new ArrayList<>();
            for (WorkflowRow w : members) {
                switch (w.status()) {
                    case SUCCEEDED -> succeeded++;
                    case FAILED -> failed++;
                    case CANCELLED -> cancelled++;
                    default -> open.add(w.id());
                }
                if (w.status().isTerminal()) {
                    done += 1;
                } else {
                    if (w.jobs().stream().anyMatch(j -> j.status() == JobStatus.RUNNING)) {
                        running++;
                    }
                    done += jobsDone(w);
                }
            }
            rows.add(new BatchRow(tag.id(), BatchTag.templateName(first.name()), first.user(), slides, succeeded, failed, cancelled,
                    running, slides == 0 ? 0 : done / slides, open));
        }
        return rows;
    }

    private static double jobsDone(WorkflowRow w) {
        if (w.jobs().isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (JobRow j : w.jobs()) {
            sum += j.status() == JobStatus.SUCCEEDED ? 1 : j.status() == JobStatus.RUNNING && j.progress() > 0 ? j.progress() : 0;
        }
        return sum / w.jobs().size();
    }
}
