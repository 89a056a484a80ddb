package org.pathlane.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathlane.inference.slide.bench.ReadBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pathlane bench read --slide F}: tiles/s through the Java OpenSlide binding vs C, 1 and 2 threads. */
@Command(name = "read",
        mixinStandardHelpOptions = true,
        description = "Reads every level-0 tile of a slide through PathLane's OpenSlide binding and through a"
                + " small C program calling openslide_read_region (compiled with gcc now), and prints tiles/s for"
                + " both and the ratio, per wall-clock second and per CPU-second."
                + " Build a large test slide with ../shared/tools/make-bench-slide.")
public final class BenchReadCommand implements Callable<Integer> {

    @Option(names = "--slide", required = true, paramLabel = "FILE", description = "A whole-slide file OpenSlide reads.")
    Path slide;

    @Option(names = "--tile", paramLabel = "PX", defaultValue = "512", description = "Tile edge in pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--threads", paramLabel = "N[,N...]", hideParamSyntax = true, split = ",", defaultValue = "1,2",
            description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--max-tiles", paramLabel = "N", defaultValue = "0",
            description = "Read only the first N tiles in row-major order (default: all).")
    int maxTiles;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Alternate Java and C passes N times and keep the best of each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (tile < 1 || maxTiles < 0 || rounds < 1 || threads.stream().anyMatch(t -> t < 1)) {
            throw new CliException(2, "--tile, --threads and --rounds must be positive and --max-tiles not negative");
        }
        ReadBenchmark.Report report;
        try {
            report = ReadBenchmark.run(slide, tile, maxTiles, threads, rounds);
        } catch (IOException e) {
            throw new CliException(1, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "slide    %s (%d x %d px, OpenSlide %s)%n", report.slide(), report.width(),
                report.height(), report.openslideVersion());
        out.printf(Locale.ROOT, "tiles    %d level-0 tiles of %d x %d px, best of %d round(s)%n", report.tiles(),
                report.tileSize(), report.tileSize(), rounds);
        out.printf(Locale.ROOT, "%-8s %14s %14s %8s   %18s %18s %10s%n", "threads", "java tiles/s", "C tiles/s",
                "java/C", "java tiles/cpu-s", "C tiles/cpu-s", "java/C cpu");
        for (ReadBenchmark.Row row : report.rows()) {
            out.printf(Locale.ROOT, "%-8d %14.1f %14.1f %8.3f   %18.1f %18.1f %10.3f%n", row.threads(),
                    row.java().tilesPerSecond(), row.c().tilesPerSecond(), row.ratio(),
                    row.java().tilesPerCpuSecond(), row.c().tilesPerCpuSecond(), row.cpuRatio());
        }
        out.printf(Locale.ROOT, "(tiles/s is wall-clock throughput; tiles/cpu-s divides by the process's CPU time,"
                + " which other load on the machine barely affects)%n");
        out.flush();
        return 0;
    }
}
