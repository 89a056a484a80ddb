package org.pathlane.app.dashboard;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.WorkflowQuery;
import org.pathlane.scheduler.model.WorkflowView;

/**
 * What the dashboard reads from the engine's history, one method per query: a page, its count, the few
 * workflows an event named, the members of the batches on the page, and (from the engine's memory) why the
 * waiting jobs of the other rows wait. Kept as a seam so a test can count
 * the reads an event costs.
 */
interface DashboardReads {

    List<WorkflowView> page(String user, WorkflowQuery query, int limit);

    long count(String user, WorkflowQuery query);

    /** The workflows among {@code ids} the user may see. */
    List<WorkflowView> workflows(String user, Collection<String> ids);

    /** Every workflow the user may see whose name contains one of {@code fragments}. */
    List<WorkflowView> namedWith(String user, Collection<String> fragments);

    /** Why the waiting jobs of these workflows wait now, from the engine's memory: no history is read. */
    Map<String, Map<String, JobView.Wait>> waits(String user, Collection<String> ids);

    static DashboardReads of(Scheduler scheduler) {
        return new DashboardReads() {
            @Override
            public List<WorkflowView> page(String user, WorkflowQuery query, int limit) {
                return scheduler.workflows(user, query, limit);
            }

            @Override
            public long count(String user, WorkflowQuery query) {
                return scheduler.countWorkflows(user, query);
            }

            @Override
            public List<WorkflowView> workflows(String user, Collection<String> ids) {
                return scheduler.workflows(user, ids);
            }

            @Override
            public List<WorkflowView> namedWith(String user, Collection<String> fragments) {
                return scheduler.workflowsNamedWith(user, fragments);
            }

            @Override
            public Map<String, Map<String, JobView.Wait>> waits(String user, Collection<String> ids) {
                return scheduler.waits(user, ids);
            }
        };
    }
}
