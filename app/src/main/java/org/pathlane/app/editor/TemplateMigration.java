package org.pathlane.app.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pathlane.app.editor.model.DraftJob;
import org.pathlane.app.editor.model.TemplateCodec;
import org.pathlane.app.editor.model.WorkflowDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Templates used to live in one folder for every profile ({@code <data>/templates}), slide paths and all, so
 * each profile saw the others' slides. Now each profile keeps its own ({@code <data>/profiles/<name>/templates}).
 * The first time a profile signs in after the change it gets copies of the shared templates it can use: those
 * that name no slide, and those whose slides are all in its own library. A template naming another profile's
 * slides stays where it was, for that profile to receive. The shared folder is only read: another profile may
 * still need what is in it.
 */
public final class TemplateMigration {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateMigration.class);
    /** Marks a profile's folder as done, so a template the profile deleted is not brought back. */
    static final String DONE = ".shared-templates-copied";

    private TemplateMigration() {
    }

    /**
     * @param shared    the old shared folder (may not exist)
     * @param own       the profile's templates folder (created)
     * @param ownSlides the paths of the profile's library slides
     * @return the file names copied (empty when done before or nothing applies)
     */
    public static List<String> copyUsable(Path shared, Path own, Set<String> ownSlides) throws IOException {
        Files.createDirectories(own);
        Path done = own.resolve(DONE);
        if (Files.exists(done)) {
            return List.of();
        }
        List<String> copied = new ArrayList<>();
        if (Files.isDirectory(shared)) {
            TemplateCodec codec = new TemplateCodec();
            List<Path> files;
            try (Stream<Path> list = Files.list(shared)) {
                files = list.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
            }
            for (Path file : files) {
                WorkflowDraft draft;
                try {
                    draft = codec.load(file);
                } catch (IOException | RuntimeException e) {
                    LOG.info("Shared template {} not copied: {}", file, e.getMessage());
                    continue;
                }
                if (ownSlides.containsAll(slides(draft))) {
                    Path target = own.resolve(file.getFileName());
                    if (!Files.exists(target)) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                        copied.add(file.getFileName().toString());
                    }
                }
            }
        }
        Files.writeString(done, "Shared templates this profile could use were copied here once: " + copied + "\n");
        return copied;
    }

    /** The slide paths a template names. */
    static Set<String> slides(WorkflowDraft draft) {
        Set<String> slides = new java.util.HashSet<>();
        for (DraftJob job : draft.allJobs()) {
            Object slide = job.params().get("slide");
            if (slide != null && !slide.toString().isBlank()) {
                slides.add(slide.toString());
            }
        }
        return slides;
    }
}
