package org.pathlane.app.slides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.inference.slide.SlideReader;

/**
 * Whether a slide a draft names can still be read, asked on every edit: the file must exist now (a cheap
 * look at its attributes each time) and must have opened the last time it was opened with these size and
 * modification time. A file seen for the first time or changed since is opened once in the background;
 * until that answer is in it counts as readable, and when it turns out damaged {@code onChange} runs on the
 * FX thread so the editor checks the draft again. The library's import-time answer cannot do this: a slide
 * deleted or overwritten after import still looks fine there.
 */
public final class SlideHealth {

    private final SlideLibraryViewModel.Opener opener;
    private final UiExecutors executors;
    private final Map<Path, Probe> probes = new ConcurrentHashMap<>();
    private volatile Runnable onChange = () -> { };

    /** The outcome of opening one version of a file; {@code error} is null when it opened. */
    private record Probe(long size, long modified, String error, boolean done) {
    }

    public SlideHealth(SlideLibraryViewModel.Opener opener, UiExecutors executors) {
        this.opener = opener;
        this.executors = executors;
    }

    /** Runs (on the FX thread) when a background open found a slide readable or damaged after all. */
    public void onChange(Runnable action) {
        this.onChange = action;
    }

    public boolean isReadable(String path) {
        return problem(path).isEmpty();
    }

    /** Why the slide cannot be used now, in the user's words; empty while it can (or is still being checked). */
    public Optional<String> problem(String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            return Optional.of("not a file path");
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.of("the file is gone");
        }
        if (!attrs.isRegularFile() || !Files.isReadable(file)) {
            return Optional.of("it is not a readable file");
        }
        long size = attrs.size();
        long modified = attrs.lastModifiedTime().toMillis();
        Probe known = probes.get(file);
        if (known != null && known.size() == size && known.modified() == modified) {
            return Optional.ofNullable(known.done() ? known.error() : null);
        }
        probes.put(file, new Probe(size, modified, null, false));
        executors.background().execute(() -> {
            String error = open(file);
            Probe now = new Probe(size, modified, error, true);
            boolean current = probes.replace(file, new Probe(size, modified, null, false), now);
            if (current && error != null) {
                executors.fx().execute(onChange);
            }
        });
        Probe after = probes.get(file);
        return Optional.ofNullable(after != null && after.done() ? after.error() : null);
    }

    private String open(Path file) {
        try (SlideReader reader = opener.open(file)) {
            return reader.levels().isEmpty() ? "it has no image levels" : null;
        } catch (IOException | RuntimeException e) {
            return "it does not open (" + e.getMessage() + ")";
        }
    }
}
