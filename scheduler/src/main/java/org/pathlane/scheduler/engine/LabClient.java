package org.pathlane.scheduler.engine;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.persistence.ClusterStore;
import org.pathlane.scheduler.persistence.Database;
import org.pathlane.scheduler.persistence.Ids;
import org.pathlane.scheduler.persistence.ProfileStore;
import org.pathlane.scheduler.validation.WorkflowValidator;

/**
 * Talks to a lab's nodes through the database without being a node: creates profiles, saves the limits, queues
 * submissions and cancels for the decider and reads the decider's event log. For {@code pathlane sim --nodes},
 * whose scenario runs on nodes in other processes, and for benchmarks.
 */
public final class LabClient implements AutoCloseable {

    private final Database database;
    private final ClusterStore store;
    private final ProfileStore profiles;
    private final Profiles profileRules;
    private final WorkflowValidator validator;
    private final InstantSource clock = InstantSource.system();

    private LabClient(Database database, List<JobHandler> handlers) {
        this.database = database;
        this.store = new ClusterStore(database);
        this.profiles = new ProfileStore(database);
        this.profileRules = new Profiles(profiles, clock);
        Map<String, JobHandler> byType = new java.util.LinkedHashMap<>();
        byType.put(SleepJob.TYPE, new SleepJob());
        handlers.forEach(h -> byType.put(h.type(), h));
        this.validator = new WorkflowValidator(Map.copyOf(byType));
    }

    /** Opens (and migrates) the lab database. */
    public static LabClient open(LabDatabase lab) {
        return new LabClient(Database.open(lab.jdbcUrl(), "lab database " + lab.address(), lab.user(), lab.password()),
                List.of());
    }

    public void createUser(String name) {
        profileRules.create(null, new UserProfile(name, null, false, null, null));
    }

    /** The lab's limits: {@code maxActiveUsers} holds lab-wide (each node says its own workers). */
    public void saveLimits(Limits limits) {
        profiles.saveLimits(limits);
    }

    /** Validates (rule 12) and queues the workflow for the decider. @return its id */
    public String submit(String user, WorkflowSpec spec) {
        validator.validate(spec);
        String id = Ids.next();
        store.post(LabRequests.SUBMIT, LabRequests.submit(id, user, spec, null), clock.millis());
        return id;
    }

    public void cancelJob(String user, String workflowId, String jobKey) {
        store.post(LabRequests.CANCEL_JOB, LabRequests.cancelJob(workflowId, jobKey, "cancelled by " + user),
                clock.millis());
    }

    public void cancelWorkflow(String user, String workflowId) {
        store.post(LabRequests.CANCEL_WORKFLOW, LabRequests.cancelWorkflow(workflowId, "workflow cancelled by " + user),
                clock.millis());
    }

    /** The decider's committed events after {@code afterSeq}, in commit order (nodes started with the event log on). */
    public List<ClusterStore.EventRow> events(long afterSeq, int limit) {
        return store.events(afterSeq, limit);
    }

    /** The node runs registered now, with their heartbeats. */
    public List<ClusterStore.NodeRow> nodes() {
        return store.nodes();
    }

    @Override
    public void close() {
        database.close();
    }
}
