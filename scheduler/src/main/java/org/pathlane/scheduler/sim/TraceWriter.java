package org.pathlane.scheduler.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;

/**
 * Writes events as the JSON Lines trace of {@code specs/scheduler.md}: {@code t} (milliseconds since the run
 * started), {@code event}, then the event's fields. {@code workflow} is the workflow's scenario id (its name).
 */
final class TraceWriter implements SchedulerListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;
    private final long startMillis;
    private volatile IOException failure;

    TraceWriter(Writer out, long startMillis) {
        this.out = out;
        this.startMillis = startMillis;
    }

    @Override
    public void onEvent(SchedulerEvent e) {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", e.atMillis() - startMillis);
        line.put("event", e.type().name());
        line.put("user", e.user());
        if (e.workflowName() != null) {
            line.put("workflow", e.workflowName());
        }
        if (e.jobId() != null) {
            line.put("job", e.jobId());
            line.put("branch", e.branch());
        }
        switch (e.type()) {
            case JOB_FAILED, JOB_CANCELLED -> line.put("reason", e.reason() == null ? "" : e.reason());
            case WORKFLOW_FINISHED -> line.put("state", e.state().name());
            default -> {
            }
        }
        try {
            out.write(line.toString());
            out.write('\n');
        } catch (IOException ex) {
            failure = ex;
        }
    }

    void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write the trace: " + failure.getMessage(), failure);
        }
    }
}
