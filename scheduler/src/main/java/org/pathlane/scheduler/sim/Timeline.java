package org.pathlane.scheduler.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scenario's inputs in the one order a run makes them: by time ({@code submitAtMs}, {@code atMs}); at equal
 * times submissions before cancels (so a cancel "at 0" of a workflow submitted at 0 finds it), each in file order.
 *
 * <p>The runner walks this list on one thread and waits for each input's time measured from the start of the run,
 * never from when it was queued. When the engine takes an input in slower than the scenario asks, the next ones
 * go late, but still in this order: a late run is stretched, never reordered (issue 16: a timer per input, each
 * delay counted from when it was set, let a workflow due at 7,744 ms overtake one of the same user due at
 * 7,741 ms, and the user's lanes then ran in another order than the scenario's).
 */
final class Timeline {

    /** A submission or a cancel (exactly one is set), due {@code atMs} after the start. */
    record Input(long atMs, Scenario.Submission submission, Scenario.Cancel cancel) {
    }

    private Timeline() {
    }

    static List<Input> of(Scenario scenario) {
        List<Input> inputs = new ArrayList<>(scenario.workflows().size() + scenario.cancels().size());
        scenario.workflows().forEach(s -> inputs.add(new Input(s.submitAtMs(), s, null)));
        scenario.cancels().forEach(c -> inputs.add(new Input(c.atMs(), null, c)));
        // List.sort is stable: submissions (added first) stay before cancels at equal times, each in file order.
        inputs.sort(Comparator.comparingLong(Input::atMs));
        return inputs;
    }
}
