package org.pathlane.inference.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit stopped before any of its file-system steps (as a kill would stop it) leaves, once the folder
 * is opened again, the previous whole set or the new whole set: never a mix, never a partial file.
 */
class ResultSetTest {

    @TempDir
    Path tmp;

    /** Stops the commit before its {@code at}-th step, as a kill does (nothing after it runs). */
    static final class Killed extends RuntimeException {
        Killed(String step) {
            super("killed before " + step);
        }
    }

    @Test
    void aCommitStoppedBeforeAnyStepLeavesTheOldOrTheNewWholeSet() throws Exception {
        List<String> steps = new ArrayList<>();
        Path probe = tmp.resolve("probe");
        ResultSetKillChild.writeSet(probe, 1, ResultSet.Steps.NONE);
        ResultSetKillChild.writeSet(probe, 2, steps::add);
        assertThat(steps).as("the commit's steps").hasSizeGreaterThan(6);

        boolean sawOld = false;
        boolean sawNew = false;
        for (int at = 0; at < steps.size(); at++) {
            Path dir = tmp.resolve("at-" + at);
            ResultSetKillChild.writeSet(dir, 1, ResultSet.Steps.NONE);
            int stopAt = at;
            int[] step = {0};
            assertThatThrownBy(() -> ResultSetKillChild.writeSet(dir, 2, s -> {
                if (step[0]++ == stopAt) {
                    throw new Killed(s);
                }
            })).isInstanceOf(Killed.class);

            ResultSet.recover(dir);
            int generation = ResultSetKillChild.wholeSet(dir);
            assertThat(generation).as("after a kill before step %d (%s)", at, steps.get(at)).isIn(1, 2);
            sawOld |= generation == 1;
            sawNew |= generation == 2;
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("nothing but the set is left after a kill before %s", steps.get(at))
                        .containsExactlyInAnyOrderElementsOf(ResultSetKillChild.FILES);
            }
        }
        assertThat(sawOld).as("a kill before the commit point keeps the old set").isTrue();
        assertThat(sawNew).as("a kill after the commit point ends with the new set").isTrue();
    }

    @Test
    void aRecoveryStoppedPartWayIsFinishedByTheNextOne() throws Exception {
        Path dir = tmp.resolve("twice");
        ResultSetKillChild.writeSet(dir, 1, ResultSet.Steps.NONE);
        int[] step = {0};
        assertThatThrownBy(() -> ResultSetKillChild.writeSet(dir, 2, s -> {
            if (s.startsWith("rename ") && step[0]++ == 1) {
                throw new Killed(s);
            }
        })).isInstanceOf(Killed.class);
        assertThat(Files.readString(dir.resolve("a.txt"))).as("the first new file is already in place").contains("generation 2");

        // A second kill, inside the recovery, and a third open that finishes it.
        assertThatThrownBy(() -> ResultSet.begin(dir, s -> {
            if (s.startsWith("remove journal")) {
                throw new Killed(s);
            }
        })).isInstanceOf(Killed.class);
        ResultSet.recover(dir);
        assertThat(ResultSetKillChild.wholeSet(dir)).isEqualTo(2);
    }

    @Test
    void anUncommittedSetLeavesNoTraceAndTheOldFilesUntouched() throws IOException {
        Path dir = tmp.resolve("cancelled");
        ResultSetKillChild.writeSet(dir, 1, ResultSet.Steps.NONE);
        Map<String, String> before = ResultSetKillChild.contents(dir);
        try (ResultSet set = ResultSet.begin(dir)) {
            Files.writeString(set.stage("a.txt"), "half");
        }
        assertThat(ResultSetKillChild.contents(dir)).isEqualTo(before);
    }
}
