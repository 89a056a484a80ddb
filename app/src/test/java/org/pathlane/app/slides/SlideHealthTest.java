package org.pathlane.app.slides;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.editor.model.Problem;
import org.pathlane.inference.slide.Slides;

/** A draft's slide that was deleted or damaged after it went into the library no longer validates. */
class SlideHealthTest {

    @TempDir
    Path dir;

    @Test
    void aSlideDeletedAfterImportBlocksSubmit() throws Exception {
        Path slide = image(dir.resolve("case-1.png"));
        SlideHealth health = new SlideHealth(Slides::open, UiExecutors.direct());
        EditorViewModel editor = editor(health);
        String job = segmentOn(editor, slide);
        assertThat(editor.canSubmitProperty().get()).isTrue();

        Files.delete(slide);
        editor.revalidate();

        assertThat(editor.problemsOf(job)).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING_SLIDE);
        assertThat(editor.submitBlockedReasonProperty().get()).contains("case-1.png");
        assertThat(health.problem(slide.toString())).contains("the file is gone");
    }

    @Test
    void aSlideOverwrittenWithSomethingUnreadableBlocksSubmitOnceItWasOpened() throws Exception {
        Path slide = image(dir.resolve("case-2.png"));
        List<Runnable> background = new ArrayList<>();
        SlideHealth health = new SlideHealth(Slides::open, new UiExecutors(background::add, Runnable::run));
        EditorViewModel editor = editor(health);
        health.onChange(editor::revalidate);
        String job = segmentOn(editor, slide);
        runAll(background);
        editor.revalidate();
        assertThat(editor.canSubmitProperty().get()).isTrue();

        Files.writeString(slide, "this is no longer an image");
        Files.setLastModifiedTime(slide, FileTime.fromMillis(Files.getLastModifiedTime(slide).toMillis() + 2_000));
        editor.revalidate();
        runAll(background);

        assertThat(editor.problemsOf(job)).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING_SLIDE);
        assertThat(editor.canSubmitProperty().get()).isFalse();
    }

    @Test
    void anUnchangedSlideIsOpenedOnceHoweverOftenTheDraftIsChecked() throws Exception {
        Path slide = image(dir.resolve("case-3.png"));
        AtomicInteger opens = new AtomicInteger();
        SlideHealth health = new SlideHealth(file -> {
            opens.incrementAndGet();
            return Slides.open(file);
        }, UiExecutors.direct());
        for (int i = 0; i < 20; i++) {
            assertThat(health.isReadable(slide.toString())).isTrue();
        }
        assertThat(opens).hasValue(1);
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.removeFirst().run();
        }
    }

    private static EditorViewModel editor(SlideHealth health) {
        return new EditorViewModel(JobCatalog.forRegistered(Set.of("segment")), health::isReadable, spec -> "wf-1",
                UiExecutors.direct());
    }

    private static String segmentOn(EditorViewModel editor, Path slide) {
        String lane = editor.addLane();
        String job = editor.dropNewJob("segment", lane, 0);
        editor.setParam(job, "slide", slide.toString());
        return job;
    }

    private static Path image(Path file) throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
