package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.export.ResultSet;

/**
 * {@code pathlane segment} killed in a child JVM over a folder holding an earlier run's results, at
 * several points (mid-run, just after {@code segment: 100%} while the exports are being put in place,
 * after the last line): the folder holds the earlier run's whole set or the new run's whole set, never
 * new cells with an old summary, never an empty summary.
 */
class SegmentKilledOverEarlierRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static List<String> args(Path slide, Path out, int tile) {
        return List.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--tile", Integer.toString(tile),
                "--halo", "32", "--batch", "2", "--mpp", "0.5", "--device", "cpu");
    }

    @Test
    void aKillAtAnyPointLeavesTheEarlierOrTheNewWholeSet() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("slide.png"), 700, 500, 90, 5);
        Path earlier = tmp.resolve("earlier");
        Path fresh = tmp.resolve("fresh");
        inProcess(args(slide, earlier, 128));
        inProcess(args(slide, fresh, 256));
        Map<String, String> oldSet = resultSet(earlier);
        Map<String, String> newSet = resultSet(fresh);
        assertThat(newSet.get("cells.csv")).as("the two runs' results differ (tile columns)").isNotEqualTo(oldSet.get("cells.csv"));

        List<Predicate<String>> killPoints = List.of(
                line -> line.startsWith("segment: 100%"),
                line -> line.matches("segment: [5-9]\\d%.*"),
                line -> line.contains(" nuclei in "));
        int sawOld = 0;
        int sawNew = 0;
        for (int k = 0; k < killPoints.size(); k++) {
            Path out = tmp.resolve("killed-" + k);
            copy(earlier, out);
            String output = runAndKill(args(slide, out, 256), killPoints.get(k));
            ResultSet.recover(out);
            Map<String, String> after = resultSet(out);
            assertThat(after.equals(oldSet) || after.equals(newSet))
                    .as("kill %d left one whole set; files differing from the earlier set: %s, from the new set: %s%n%s", k,
                            differing(after, oldSet), differing(after, newSet), output)
                    .isTrue();
            sawOld += after.equals(oldSet) ? 1 : 0;
            sawNew += after.equals(newSet) ? 1 : 0;
        }
        assertThat(sawOld).as("a kill mid-run keeps the earlier set").isPositive();
        assertThat(sawNew).as("a kill after the last line keeps the new set").isPositive();
    }

    private static void inProcess(List<String> args) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
    }

    private static String runAndKill(List<String> args, Predicate<String> killAt) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "org.pathlane.app.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Through the environment, as ./pathlane does: ONNX Runtime crashes with a command line over ~4 KB.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process child = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (killAt.test(line)) {
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return output.toString();
    }

    /**
     * The result files as a user sees them: every file but the checkpoint (a resumable run's own state),
     * summary.json without its timings (they differ between two runs of the same set).
     */
    private static Map<String, String> resultSet(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                byte[] bytes = Files.readAllBytes(p);
                if (name.equals("summary.json")) {
                    String content;
                    try {
                        ObjectNode summary = (ObjectNode) JSON.readTree(bytes);
                        summary.remove("seconds");
                        summary.remove("slide");
                        content = summary.toString();
                    } catch (IOException | ClassCastException e) {
                        content = "unreadable (" + bytes.length + " bytes)";
                    }
                    files.put(name, content);
                } else if (name.endsWith(".png")) {
                    files.put(name, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
                } else {
                    files.put(name, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static List<String> differing(Map<String, String> a, Map<String, String> b) {
        List<String> names = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(a.keySet())) {
            if (!a.get(name).equals(b.get(name))) {
                names.add(name);
            }
        }
        b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(n -> names.add(n + " (missing)"));
        return names;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> list = Files.list(from)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
