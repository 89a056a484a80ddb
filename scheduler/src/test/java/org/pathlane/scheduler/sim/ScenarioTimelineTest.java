package org.pathlane.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one order in which {@code sim} makes a scenario's inputs, whatever the file's order and however late. */
class ScenarioTimelineTest {

    @Test
    void inputsGoByTimeThenSubmissionsBeforeCancelsThenFileOrder() {
        Scenario scenario = new ScenarioParser().parse("""
                {"workflows": [
                   {"id": "late",   "user": "a", "submitAtMs": 9, "jobs": [{"id": "j1", "branch": "A"}]},
                   {"id": "first",  "user": "a", "submitAtMs": 0, "jobs": [{"id": "j2", "branch": "A"}]},
                   {"id": "tie1",   "user": "b", "submitAtMs": 5, "jobs": [{"id": "j3", "branch": "A"}]},
                   {"id": "early",  "user": "a", "submitAtMs": 4, "jobs": [{"id": "j4", "branch": "A"}]},
                   {"id": "tie2",   "user": "a", "submitAtMs": 5, "jobs": [{"id": "j5", "branch": "A"}]}],
                 "cancels": [{"atMs": 5, "job": "j3"}, {"atMs": 0, "workflow": "first"}, {"atMs": 5, "job": "j5"}]}
                """, "timeline.json");
        assertThat(Timeline.of(scenario).stream().map(i -> i.submission() != null ? i.submission().id()
                : "cancel " + (i.cancel().job() != null ? i.cancel().job() : i.cancel().workflow())))
                .containsExactly("first", "cancel first", "early", "tie1", "tie2", "cancel j3", "cancel j5", "late");
    }
}
