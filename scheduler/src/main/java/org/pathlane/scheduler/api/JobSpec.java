package org.pathlane.scheduler.api;

import java.util.List;
import java.util.Map;

/**
 * One job of a workflow as submitted.
 *
 * @param id        unique within its workflow
 * @param branch    the lane; jobs of the same (user, branch) run one at a time in submission order
 * @param type      a registered {@link JobHandler#type()}
 * @param params    the handler's parameters (JSON-compatible values)
 * @param dependsOn ids of jobs of the same workflow that must SUCCEED first
 */
public record JobSpec(String id, String branch, String type, Map<String, Object> params, List<String> dependsOn) {

    public JobSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
