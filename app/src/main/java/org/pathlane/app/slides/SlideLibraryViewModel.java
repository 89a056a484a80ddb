package org.pathlane.app.slides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.scheduler.engine.Profiles;
import org.pathlane.scheduler.model.SlideEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's slides: import files or folders (each opened once in the background for its facts
 * and thumbnail), list and remove. A file that does not open is shown with its error and is not added.
 */
public final class SlideLibraryViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SlideLibraryViewModel.class);

    /** How a slide file is opened; tests may count or fail opens. */
    @FunctionalInterface
    public interface Opener {
        SlideReader open(Path file) throws IOException;
    }

    private final Profiles profiles;
    private final String user;
    private final Thumbnails thumbnails;
    private final Opener opener;
    private final UiExecutors executors;
    private final ObservableList<SlideItem> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public SlideLibraryViewModel(Profiles profiles, String user, Thumbnails thumbnails, UiExecutors executors) {
        this(profiles, user, thumbnails, Slides::open, executors);
    }

    public SlideLibraryViewModel(Profiles profiles, String user, Thumbnails thumbnails, Opener opener, UiExecutors executors) {
        this.profiles = profiles;
        this.user = user;
        this.thumbnails = thumbnails;
        this.opener = opener;
        this.executors = executors;
    }

    /** The library (and, at the end, files that failed to import, with their errors). */
    public ObservableList<SlideItem> items() {
        return items;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Paths of the library's slides, for the editor's slide choice. */
    public List<String> slidePaths() {
        return items.stream().filter(i -> !i.broken()).map(SlideItem::path).toList();
    }

    public void load() {
        executors.background().execute(() -> {
            try {
                List<SlideItem> loaded = new ArrayList<>();
                for (SlideEntry e : profiles.slides(user)) {
                    loaded.add(fromEntry(e));
                }
                executors.fx().execute(() -> items.setAll(loaded));
            } catch (RuntimeException e) {
                LOG.warn("Could not read the slide library of {}: {}", user, e.toString());
                executors.fx().execute(() -> status.set("Could not read your slide library: " + e.getMessage()));
            }
        });
    }

    /** Imports dropped or chosen files and folders (folders: slide files up to three levels down). */
    public void importPaths(List<Path> dropped) {
        status.set("Importing…");
        executors.background().execute(() -> {
            List<Path> files = new ArrayList<>();
            for (Path p : dropped) {
                if (Files.isDirectory(p)) {
                    try {
                        files.addAll(SlideFiles.in(p));
                    } catch (IOException e) {
                        addBroken(p, "the folder could not be read: " + e.getMessage());
                    }
                } else {
                    files.add(p);
                }
            }
            int added = 0;
            int failed = 0;
            for (Path file : files) {
                if (importOne(file.toAbsolutePath().normalize())) {
                    added++;
                } else {
                    failed++;
                }
            }
            String text = added + " slide" + (added == 1 ? "" : "s") + " added"
                    + (failed > 0 ? ", " + failed + " could not be imported (see the red tiles)" : "") + ".";
            executors.fx().execute(() -> status.set(text));
        });
    }

    /** Takes a slide out of the library, or dismisses a file that failed to import. */
    public void remove(SlideItem item) {
        if (item.entryId() == null) {
            items.remove(item);
            return;
        }
        executors.background().execute(() -> {
            try {
                profiles.removeSlide(user, item.entryId());
                executors.fx().execute(() -> {
                    items.remove(item);
                    status.set("Removed " + item.name() + " from your library (the file itself is untouched).");
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> status.set("Could not remove " + item.name() + ": " + e.getMessage()));
            }
        });
    }

    private boolean importOne(Path file) {
        String path = file.toString();
        if (items.stream().anyMatch(i -> !i.broken() && i.path().equals(path))) {
            return true;
        }
        try (SlideReader reader = opener.open(file)) {
            SlideFacts facts = SlideFacts.of(reader, Files.size(file));
            Path thumb = thumbnails.make(reader);
            SlideEntry entry = profiles.addSlide(user, path, facts.toJson());
            SlideItem item = new SlideItem(entry.id(), path, file.getFileName().toString(), facts, thumb, null);
            executors.fx().execute(() -> {
                items.removeIf(i -> i.broken() && i.path().equals(path));
                items.add(item);
            });
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.info("Slide {} not imported: {}", file, e.getMessage());
            addBroken(file, e.getMessage());
            return false;
        }
    }

    private void addBroken(Path file, String error) {
        String path = file.toString();
        SlideItem broken = new SlideItem(null, path, String.valueOf(file.getFileName()), null, null,
                error == null ? "could not be opened" : error);
        executors.fx().execute(() -> {
            items.removeIf(i -> i.broken() && i.path().equals(path));
            items.add(broken);
        });
    }

    private SlideItem fromEntry(SlideEntry e) {
        Path file = Path.of(e.path());
        String name = String.valueOf(file.getFileName());
        if (!Files.isReadable(file)) {
            return new SlideItem(e.id(), e.path(), name, null, null,
                    "the file is gone or unreadable: restore it, or remove it from the library");
        }
        SlideFacts facts;
        try {
            facts = SlideFacts.fromJson(e.metadataJson());
        } catch (IOException notStored) {
            facts = null;
        }
        Path thumb = null;
        if (facts == null || !Files.isRegularFile(thumbnailGuess(e))) {
            try (SlideReader reader = opener.open(file)) {
                facts = facts != null ? facts : SlideFacts.of(reader, Files.size(file));
                thumb = thumbnails.make(reader);
            } catch (IOException | RuntimeException ex) {
                return new SlideItem(e.id(), e.path(), name, facts, null, ex.getMessage());
            }
        } else {
            thumb = thumbnailGuess(e);
        }
        return new SlideItem(e.id(), e.path(), name, facts, thumb, null);
    }

    private Path thumbnailGuess(SlideEntry e) {
        try {
            SlideFacts facts = SlideFacts.fromJson(e.metadataJson());
            return facts.slideId().isEmpty() ? Path.of("") : thumbnails.fileFor(facts.slideId());
        } catch (IOException notStored) {
            return Path.of("");
        }
    }
}
