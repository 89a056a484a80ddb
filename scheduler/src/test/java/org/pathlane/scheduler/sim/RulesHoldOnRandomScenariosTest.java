package org.pathlane.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.engine.SchedulerConfig;

/** Every rule of the spec, read off the trace, over 200 seeded random scenarios run by the real engine. */
class RulesHoldOnRandomScenariosTest {

    private static final int SCENARIOS = Integer.getInteger("scenarios", 200);

    @Test
    void everyRuleHoldsInEveryScenario(@TempDir Path results) throws Exception {
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario scenario = RandomScenarios.generate(seed);
            StringWriter trace = new StringWriter();
            ScenarioRunner.run(scenario, SchedulerConfig.jdbc("jdbc:h2:mem:random" + seed, results), trace);
            List<String> lines = trace.toString().lines().toList();
            List<String> violations = new TraceChecker(scenario).check(lines);
            assertThat(violations).as("seed %d, trace:%n%s", seed, String.join("\n", lines)).isEmpty();
        }
    }
}
