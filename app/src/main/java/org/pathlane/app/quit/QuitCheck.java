package org.pathlane.app.quit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.UserQueue;
import org.pathlane.scheduler.model.WorkflowView;

/**
 * Whether closing the window would stop work: the embedded engine stops with the window, and with it every
 * user's running jobs. Asks first and says what happens to them: nothing is lost, they go back in the queue
 * and start again the next time PathLane opens this data folder (a segmentation from its last finished
 * tiles). Engine calls: run it off the FX thread.
 */
public final class QuitCheck {

    /** The quit question's second way out on a workstation of its own: {@link BackgroundRunner}. */
    public static final String KEEP_RUNNING = "Quit, keep them running";

    private final Scheduler scheduler;
    private final Path dataDir;

    public QuitCheck(Scheduler scheduler, Path dataDir) {
        this.scheduler = scheduler;
        this.dataDir = dataDir;
    }

    /**
     * @param user the signed-in profile (its jobs, every user's for an admin, are counted), or null on the
     *             start screen (then only who has work is known)
     * @return the question to ask, or empty when no job would be stopped
     */
    public Optional<Confirmation> question(String user) {
        Optional<String> node = scheduler.labNode();
        if (node.isPresent()) {
            return labQuestion(node.get());
        }
        UserQueue queue = scheduler.userQueue();
        int running = 0;
        int waiting = 0;
        Set<String> owners = new LinkedHashSet<>();
        if (user != null) {
            for (WorkflowView w : scheduler.workflows(user)) {
                if (w.status().isTerminal()) {
                    continue;
                }
                for (JobView j : w.jobs()) {
                    if (j.status() == JobStatus.RUNNING) {
                        running++;
                        owners.add(w.user());
                    } else if (j.status() == JobStatus.PENDING) {
                        waiting++;
                        owners.add(w.user());
                    }
                }
            }
        }
        List<String> others = new ArrayList<>();
        for (String name : concat(queue.active(), queue.waiting())) {
            if (!owners.contains(name) && !others.contains(name)) {
                others.add(name);
            }
        }
        if (running == 0 && waiting == 0 && others.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        List<String> parts = new ArrayList<>();
        if (running > 0) {
            parts.add(count(running, "job is running", "jobs are running"));
        }
        if (waiting > 0) {
            parts.add(count(waiting, "job is waiting", "jobs are waiting"));
        }
        if (!parts.isEmpty()) {
            text.append(String.join(" and ", parts)).append(" (").append(String.join(", ", owners)).append("). ");
        }
        if (!others.isEmpty()) {
            text.append(String.join(", ", others)).append(others.size() == 1 ? " has" : " have")
                    .append(running + waiting > 0 ? " work in the queue too. " : " work running or queued. ");
        }
        text.append("Quitting stops it now. Nothing is lost: it goes back in the queue and starts again the next time"
                + " PathLane opens ").append(dataDir).append(" (a segmentation from its last finished tiles).")
                .append(" Or keep it running in the background: PathLane finishes the queue without its window and"
                        + " hands it back when you open PathLane again.");
        String title = running > 0 || !queue.active().isEmpty() ? "Quit while jobs are running?" : "Quit with jobs waiting?";
        return Optional.of(new Confirmation(title, text.toString(), "Quit and stop them", KEEP_RUNNING));
    }

    /**
     * On a desktop that is one node of a lab, quitting stops only the jobs running here: they go back to the
     * lab's queue at once for another node; the rest of the lab carries on. Counts every user's jobs on this node.
     */
    private Optional<Confirmation> labQuestion(String node) {
        int here = 0;
        Set<String> owners = new LinkedHashSet<>();
        for (WorkflowView w : scheduler.workflowsOnNode(node)) {
            for (JobView j : w.jobs()) {
                if (j.status() == JobStatus.RUNNING && node.equals(j.node())) {
                    here++;
                    owners.add(w.user());
                }
            }
        }
        if (here == 0) {
            return Optional.empty();
        }
        String text = count(here, "job runs", "jobs run") + " on this desktop (" + String.join(", ", owners) + "). "
                + "Quitting hands " + (here == 1 ? "it" : "them") + " back to the lab's queue at once: another node"
                + " starts " + (here == 1 ? "it" : "them") + " again (a segmentation from its last finished tiles)."
                + " Jobs on the lab's other nodes carry on.";
        return Optional.of(new Confirmation("Quit while jobs run on this desktop?", text, "Quit and hand them over"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
