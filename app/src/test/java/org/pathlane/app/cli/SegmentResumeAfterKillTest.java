package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segmentation killed in a child JVM resumes from its checkpoint and ends with the uninterrupted result. */
class SegmentResumeAfterKillTest {

    private static final Pattern PROGRESS = Pattern.compile("segment: (\\d+)%");

    @TempDir
    Path tmp;

    private List<String> args(Path slide, Path out) {
        return List.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--tile", "128", "--halo", "32",
                "--batch", "2", "--mpp", "0.5", "--device", "cpu");
    }

    private static String runInProcess(List<String> args) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        return run.err();
    }

    @Test
    void aRunKilledMidwayResumesAndEndsWithTheSameCells() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("slide.png"), 1200, 800, 150, 9);
        Path killed = tmp.resolve("killed");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "org.pathlane.app.Main"));
        command.addAll(args(slide, killed));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Through the environment, as ./pathlane does: ONNX Runtime crashes with a command line over ~4 KB.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process child = builder.start();
        int killedAt = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher m = PROGRESS.matcher(line);
                if (m.find() && Integer.parseInt(m.group(1)) >= 20) {
                    killedAt = Integer.parseInt(m.group(1));
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(killedAt).as("the child reported progress before it was killed:%n%s", output).isBetween(20, 99);
        assertThat(killed.resolve("summary.json")).doesNotExist();
        assertThat(killed.resolve("checkpoint/tiles.jsonl")).isNotEmptyFile();

        String resumed = runInProcess(args(slide, killed));
        Matcher first = PROGRESS.matcher(resumed);
        assertThat(first.find()).isTrue();
        assertThat(Integer.parseInt(first.group(1))).as("the resumed run starts from the checkpoint").isGreaterThanOrEqualTo(killedAt);

        Path straight = tmp.resolve("straight");
        runInProcess(args(slide, straight));
        assertThat(Files.readString(killed.resolve("cells.csv"))).isEqualTo(Files.readString(straight.resolve("cells.csv")));
        assertThat(Files.readString(killed.resolve("cells.geojson")))
                .isEqualTo(Files.readString(straight.resolve("cells.geojson")));
    }
}
