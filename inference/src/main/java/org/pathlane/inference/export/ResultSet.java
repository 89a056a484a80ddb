package org.pathlane.inference.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the files of a result folder as one set: a process killed at any instant leaves either the
 * previous complete set or the new complete set, never a mix, and never a half-written file.
 *
 * <p>How: every file of the new set is written beside its final name ({@code NAME.pathlane-new}) and
 * forced to disk. Then a journal ({@code .pathlane-commit}, the list of names) is written, forced and
 * renamed into place: that rename is the commit point. Then each new file is renamed over the old one,
 * the last one given ({@code summary.json}) last, the folder is forced, and the journal is removed.
 * {@link #recover} finishes a commit a kill interrupted (the journal says it happened: every new file is
 * already on disk) and throws away the new files of one that never reached its commit point; every
 * writer of a result folder calls it first. Readers call {@link #complete}, the roll-forward alone, so
 * what they show is always one whole set. The folder is forced after each group of renames so a power cut cannot reorder them either.
 */
public final class ResultSet implements AutoCloseable {

    /** Called before each file-system step; tests stop a commit there, as a kill would. */
    @FunctionalInterface
    public interface Steps {
        Steps NONE = step -> { };

        void before(String step) throws IOException;
    }

    static final String JOURNAL = ".pathlane-commit";
    static final String NEW = ".pathlane-new";
    private static final Logger LOG = LoggerFactory.getLogger(ResultSet.class);

    private final Path dir;
    private final String prefix;
    private final Steps steps;
    private final Set<String> names = new LinkedHashSet<>();
    private boolean committed;

    private ResultSet(Path dir, String prefix, Steps steps) {
        this.dir = dir;
        this.prefix = prefix;
        this.steps = steps;
    }

    /**
     * Starts a new set in {@code dir} (created), a folder of PathLane's own, first finishing or discarding
     * what an earlier kill left there.
     */
    public static ResultSet begin(Path dir) throws IOException {
        return begin(dir, "", Steps.NONE);
    }

    public static ResultSet begin(Path dir, Steps steps) throws IOException {
        return begin(dir, "", steps);
    }

    /**
     * Starts a set whose file names all start with {@code prefix}, in a folder other sets (and other
     * people's files) share: recovery touches only this set's journal and files.
     */
    public static ResultSet begin(Path dir, String prefix, Steps steps) throws IOException {
        if (prefix.contains("/") || prefix.contains("\\") || prefix.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file-name prefix: " + prefix);
        }
        Files.createDirectories(dir);
        recover(dir, prefix, steps);
        return new ResultSet(dir, prefix, steps);
    }

    /**
     * Where to write the new {@code name}: a sibling the commit renames into place. Files are put in place
     * in the order they were first staged: stage the one that marks a set complete ({@code summary.json}) last.
     */
    public synchronized Path stage(String name) {
        if (committed) {
            throw new IllegalStateException("the set in " + dir + " is already committed");
        }
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || !name.startsWith(prefix)) {
            throw new IllegalArgumentException("not a plain file name starting with '" + prefix + "': " + name);
        }
        names.add(name);
        return staged(name);
    }

    /** Forces every staged file to disk, then puts them all in place as one set. */
    public synchronized void commit() throws IOException {
        for (String name : names) {
            steps.before("force " + name);
            force(staged(name));
        }
        Path journal = journal(dir, prefix);
        Path journalTemp = dir.resolve(journal.getFileName() + NEW);
        steps.before("write journal");
        try (FileChannel out = FileChannel.open(journalTemp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        steps.before("commit journal");
        Files.move(journalTemp, journal, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(dir);
        committed = true;
        putInPlace(dir, journal, List.copyOf(names), steps);
    }

    /** Without a commit: deletes the staged files, leaving the previous set as it was. */
    @Override
    public synchronized void close() throws IOException {
        if (committed) {
            return;
        }
        for (String name : names) {
            Files.deleteIfExists(staged(name));
        }
    }

    private Path staged(String name) {
        return dir.resolve(name + NEW);
    }

    /**
     * Makes {@code dir} hold one whole set: finishes a commit a kill interrupted, or drops the new files of
     * one that never committed. Harmless on a folder that needs nothing (or does not exist).
     */
    public static void recover(Path dir) throws IOException {
        recover(dir, "", Steps.NONE);
    }

    /**
     * For readers: finishes a commit a kill interrupted, and nothing more. Unlike {@link #recover} it leaves
     * files being written alone, so it is safe beside a run that is still writing into {@code dir}.
     */
    public static void complete(Path dir) throws IOException {
        Path journal = journal(dir, "");
        if (Files.exists(journal)) {
            putInPlace(dir, journal, readJournal(journal), Steps.NONE);
        }
    }

    private static List<String> readJournal(Path journal) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line);
            }
        }
        return names;
    }

    /** Recovers only the set whose names start with {@code prefix} (see {@link #begin(Path, String, Steps)}). */
    public static void recover(Path dir, String prefix) throws IOException {
        recover(dir, prefix, Steps.NONE);
    }

    private static Path journal(Path dir, String prefix) {
        return dir.resolve(prefix.isEmpty() ? JOURNAL : JOURNAL + "-" + prefix);
    }

    private static void recover(Path dir, String prefix, Steps steps) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path journal = journal(dir, prefix);
        if (Files.exists(journal)) {
            List<String> names = readJournal(journal);
            LOG.info("{}: finishing the result set a stopped run had committed ({})", dir, String.join(", ", names));
            putInPlace(dir, journal, names, steps);
        }
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.endsWith(NEW) && (name.startsWith(prefix) || name.equals(journal.getFileName() + NEW));
        })) {
            files.forEach(leftovers::add);
        }
        for (Path leftover : leftovers) {
            LOG.debug("{}: removing {} of a run that stopped before its results were complete", dir, leftover.getFileName());
            steps.before("discard " + leftover.getFileName());
            Files.deleteIfExists(leftover);
        }
    }

    private static void putInPlace(Path dir, Path journal, List<String> names, Steps steps) throws IOException {
        for (String name : names) {
            Path from = dir.resolve(name + NEW);
            steps.before("rename " + name);
            try {
                Files.move(from, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException alreadyInPlace) {
                // Renamed before the kill: the journal lists it, the new file is already the final one.
            }
        }
        forceFolder(dir);
        steps.before("remove journal");
        Files.deleteIfExists(journal);
        forceFolder(dir);
    }

    /** Forces a file's content to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a folder's entries (creations, renames, deletions) to disk. POSIX systems allow it; Windows
     * refuses to open a folder this way and makes renames durable itself (NTFS journals its metadata).
     */
    public static void forceFolder(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
