package org.pathlane.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.lab.TestPostgres;

/**
 * The same rules, read off the trace, with a real PostgreSQL as the engine's database (the lab-wide set-up's
 * database, its own engine lease included): the migrations, the conditional updates and the sequence run there
 * exactly as they do on H2.
 */
class RulesHoldOnPostgresTest {

    private static final int SCENARIOS = Integer.getInteger("pgScenarios", 15);

    @Test
    void everyRuleHoldsOnPostgreSql(@TempDir Path results) throws Exception {
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario scenario = RandomScenarios.generate(seed);
            StringWriter trace = new StringWriter();
            try (TestPostgres pg = TestPostgres.newDatabase()) {
                ScenarioRunner.run(scenario, SchedulerConfig.lab(pg.lab("sim-" + seed), results), trace);
            }
            List<String> lines = trace.toString().lines().toList();
            List<String> violations = new TraceChecker(scenario).check(lines);
            assertThat(violations).as("seed %d, trace:%n%s", seed, String.join("\n", lines)).isEmpty();
        }
    }
}
