package org.pathlane.inference.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A child JVM for {@code ResultSetKillTest}: commits result sets of generation 1, 2, 3… into one folder
 * for ever, printing {@code committing G} when a set's files are written and its commit starts and
 * {@code committed G} once it is in place, until it is killed. Every file of a set says
 * its generation, and the files are big enough that a kill often lands inside a write.
 */
public final class ResultSetKillChild {

    static final List<String> FILES = List.of("a.txt", "b.txt", "c.bin", "summary.json");

    private ResultSetKillChild() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (int generation = 1; ; generation++) {
            int g = generation;
            writeSet(dir, generation, step -> {
                // Said just before the commit's first step, so a kill on it lands inside the commit.
                if (step.startsWith("force a.txt")) {
                    System.out.println("committing " + g);
                    System.out.flush();
                }
            });
            System.out.println("committed " + generation);
            System.out.flush();
        }
    }

    /** Writes one whole set of {@code generation} into {@code dir}, summary.json last. */
    static void writeSet(Path dir, int generation, ResultSet.Steps steps) throws IOException {
        try (ResultSet set = ResultSet.begin(dir, steps)) {
            String mark = "generation " + generation + "\n";
            Files.writeString(set.stage("a.txt"), mark.repeat(2000));
            Files.writeString(set.stage("b.txt"), mark.repeat(10));
            Files.write(set.stage("c.bin"), (mark.repeat(20_000)).getBytes());
            Files.writeString(set.stage("summary.json"), "{\"generation\":" + generation + "}");
            set.commit();
        }
    }

    /**
     * The generation of the set in {@code dir}, 0 when it holds none of its files (no set yet), or -1 when
     * it is not one whole set (a file missing, partial, or from another generation).
     */
    static int wholeSet(Path dir) throws IOException {
        if (FILES.stream().noneMatch(f -> Files.exists(dir.resolve(f)))) {
            return 0;
        }
        Path summary = dir.resolve("summary.json");
        if (!Files.exists(summary)) {
            return -1;
        }
        String json = Files.readString(summary);
        if (!json.matches("\\{\"generation\":\\d+}")) {
            return -1;
        }
        int generation = Integer.parseInt(json.replaceAll("\\D", ""));
        String mark = "generation " + generation + "\n";
        boolean whole = Files.exists(dir.resolve("a.txt")) && Files.readString(dir.resolve("a.txt")).equals(mark.repeat(2000))
                && Files.exists(dir.resolve("b.txt")) && Files.readString(dir.resolve("b.txt")).equals(mark.repeat(10))
                && Files.exists(dir.resolve("c.bin")) && Files.readString(dir.resolve("c.bin")).equals(mark.repeat(20_000));
        return whole ? generation : -1;
    }

    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }
}
