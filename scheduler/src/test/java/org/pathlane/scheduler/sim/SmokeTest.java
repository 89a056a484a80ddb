package org.pathlane.scheduler.sim;

import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.engine.SchedulerConfig;

class SmokeTest {
    @Test
    void runsSpecExample(@TempDir Path dir) throws Exception {
        String json = """
            {"config": {"maxActiveUsers": 3, "maxWorkers": 4},
             "workflows": [{"id": "w1", "user": "alice", "submitAtMs": 0, "jobs": [
                {"id": "j1", "branch": "A", "durationMs": 200},
                {"id": "j2", "branch": "A", "durationMs": 100, "fail": true},
                {"id": "j3", "branch": "B", "durationMs": 100, "dependsOn": ["j1"]}]}],
             "cancels": [{"atMs": 150, "job": "j3"}, {"atMs": 300, "workflow": "w1"}]}
            """;
        Scenario s = new ScenarioParser().parse(json, "x.json");
        StringWriter out = new StringWriter();
        long t0 = System.nanoTime();
        ScenarioRunner.run(s, SchedulerConfig.dataDir(dir), out);
        System.out.println((System.nanoTime() - t0) / 1e6 + " ms");
        System.out.println(out);
    }
}
