package org.pathlane.inference.slide.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C side of the read benchmark: {@code openslide_read_bench.c} (a resource beside this class),
 * compiled with gcc into a temporary folder and run once per measurement.
 */
final class NativeReadBench {

    private static final String SOURCE = "openslide_read_bench.c";
    private static final Pattern RESULT = Pattern.compile("tiles=(\\d+) nanos=(\\d+) cpu=(\\d+)");
    private static final long RUN_TIMEOUT_MINUTES = 30;

    private final Path executable;

    private NativeReadBench(Path executable) {
        this.executable = executable;
    }

    /**
     * Compiles the C program into {@code workDir}.
     *
     * @throws IOException when gcc is missing or fails, with its output
     */
    static NativeReadBench compile(Path workDir) throws IOException {
        Path source = workDir.resolve(SOURCE);
        try (InputStream in = NativeReadBench.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException("the benchmark's C source " + SOURCE + " is missing from the PathLane build");
            }
            Files.copy(in, source);
        }
        Path executable = workDir.resolve("openslide_read_bench");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-pthread", "-o", executable.toString(), source.toString(), "-ldl")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("gcc is needed to build the C side of the benchmark (apt-get install gcc): "
                    + e.getMessage(), e);
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(gcc) != 0) {
            throw new IOException("gcc failed to build " + source + ":\n" + output.strip());
        }
        return new NativeReadBench(executable);
    }

    /** Reads {@code tiles} through C with {@code threads} threads and returns the reads' wall time. */
    Measurement run(String library, Path slide, int tileSize, List<long[]> tiles, int threads) throws IOException {
        Process process = new ProcessBuilder(executable.toString(), library, slide.toString(),
                Integer.toString(tileSize), Integer.toString(threads)).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream stdin = process.getOutputStream();
                Writer writer = new java.io.OutputStreamWriter(stdin, StandardCharsets.US_ASCII)) {
            StringBuilder list = new StringBuilder(tiles.size() * 14);
            for (long[] tile : tiles) {
                list.append(tile[0]).append(' ').append(tile[1]).append('\n');
            }
            writer.write(list.toString());
        }
        String stdout = readAll(process.getInputStream());
        int status = waitFor(process);
        Matcher m = RESULT.matcher(stdout);
        if (status != 0 || !m.find()) {
            throw new IOException("the C benchmark failed on " + slide + " (exit " + status + "): "
                    + stderr.join().strip());
        }
        return new Measurement(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process process) throws IOException {
        try {
            if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(process.info().command().orElse("benchmark process")
                        + " did not finish within " + RUN_TIMEOUT_MINUTES + " minutes");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the benchmark process", e);
        }
    }
}
