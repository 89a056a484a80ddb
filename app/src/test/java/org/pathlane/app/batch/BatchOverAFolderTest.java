package org.pathlane.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.session.EngineConditions;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.model.WorkflowView;

/** A batch over the slides of a folder, each slide's results in a folder named after it. */
class BatchOverAFolderTest {

    @TempDir
    Path dir;
    /** A "segment" job that writes what it read, as the real one writes cells.csv. */
    private final JobHandler segment = new JobHandler() {
        @Override
        public String type() {
            return "segment";
        }

        @Override
        public void run(JobContext context) throws Exception {
            Files.writeString(context.resultDir().resolve("cells.csv"), String.valueOf(context.params().get("slide")));
        }
    };
    private Scheduler scheduler;
    private EditorViewModel editor;

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, new Limits(2, 2), segment);
        scheduler.profiles().create(null, new UserProfile("ada", null, true, null, null));
        editor = new EditorViewModel(JobCatalog.forRegistered(Set.of("segment", "sleep")), p -> Files.isRegularFile(Path.of(p)),
                spec -> scheduler.submit("ada", spec), TestEngines.direct());
        String lane = editor.addLane();
        editor.setName("Nuclei");
        editor.dropNewJob("segment", lane, 0);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void theSlidesOfAFolderAndItsFoldersRunAsOneBatchEachWithResultsNamedAfterIt() throws Exception {
        Path cases = Files.createDirectories(dir.resolve("scanner"));
        Path a = Files.writeString(Files.createDirectories(cases.resolve("case-7")).resolve("block-A.svs"), "");
        Path b = Files.writeString(cases.resolve("case-8.ndpi"), "");
        Files.writeString(cases.resolve("notes.txt"), "");
        Files.writeString(Files.createDirectories(cases.resolve(".trash")).resolve("old.svs"), "");
        Files.writeString(Files.createDirectories(cases.resolve("1/2/3/4")).resolve("too-deep.svs"), "");

        List<EditorViewModel.FolderSlides> found = new ArrayList<>();
        editor.slidesIn(cases, found::add);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.slides()).containsExactly(a.toString(), b.toString());
            assertThat(f.note()).isEqualTo("2 slides in " + cases + ".");
        });

        String batch = editor.submitBatch(found.getFirst().slides()).orElseThrow();
        EngineConditions.await(scheduler, "both slides done",
                () -> scheduler.workflows("ada").stream().filter(w -> w.status().isTerminal()).count() == 2);
        for (WorkflowView w : scheduler.workflows("ada")) {
            Path results = scheduler.resultDir("ada", w.id(), w.jobs().getFirst().jobId());
            String slide = Files.readString(results.resolve("cells.csv"));
            String file = Path.of(slide).getFileName().toString();
            assertThat(results.getParent().getFileName().toString()).as("the slide's results folder")
                    .startsWith("Nuclei-" + file + "-batch-" + batch).endsWith("_" + w.id());
        }
    }

    @Test
    void aFolderWithoutSlidesOrThatCannotBeReadSaysSo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        List<EditorViewModel.FolderSlides> found = new ArrayList<>();
        editor.slidesIn(empty, found::add);
        editor.slidesIn(dir.resolve("gone"), found::add);
        assertThat(found.get(0).slides()).isEmpty();
        assertThat(found.get(0).note()).startsWith("No slide files in " + empty).contains("ndpi").contains("three folders down");
        assertThat(found.get(1).note()).startsWith("Could not look in " + dir.resolve("gone")).contains("is not a folder");
    }

    @Test
    void aLinkedCaseFolderIsSearchedALinkLoopEndsAndASlideLinkedTwiceRunsOnce() throws Exception {
        Path nas = Files.createDirectories(dir.resolve("nas/case-9"));
        Path slide = Files.writeString(nas.resolve("block-B.svs"), "");
        Path other = Files.writeString(nas.resolve("block-C.svs"), "");
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Files.createSymbolicLink(scans.resolve("case-9"), nas);
        Files.createSymbolicLink(scans.resolve("same-as-block-B.svs"), slide);
        Files.createSymbolicLink(nas.resolve("loop"), scans);

        List<EditorViewModel.FolderSlides> found = new ArrayList<>();
        editor.slidesIn(scans, found::add);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.note()).as("a folder linked into the scanner folder is searched; a loop of links ends")
                    .isEqualTo("2 slides in " + scans + ".");
            assertThat(f.slides().stream().map(s -> {
                try {
                    return Path.of(s).toRealPath();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("each slide once, however many ways it is reached")
                    .containsExactlyInAnyOrder(slide.toRealPath(), other.toRealPath());
        });
    }

    @Test
    void slidesOfTheSameNameInTwoCaseFoldersAreToldApartAndDoNotQueueBehindEachOther() throws Exception {
        // A scanner's export: every case folder has its HE.svs.
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Files.writeString(Files.createDirectories(scans.resolve("case-7")).resolve("HE.svs"), "");
        Files.writeString(Files.createDirectories(scans.resolve("case-8")).resolve("HE.svs"), "");
        Files.writeString(Files.createDirectories(scans.resolve("case-9")).resolve("PAS.svs"), "");
        List<EditorViewModel.FolderSlides> found = new ArrayList<>();
        editor.slidesIn(scans, found::add);
        editor.submitBatch(found.getFirst().slides()).orElseThrow();
        EngineConditions.await(scheduler, "all three submitted", () -> scheduler.workflows("ada").size() == 3);

        List<WorkflowView> batch = scheduler.workflows("ada");
        assertThat(batch).extracting(w -> w.name().replaceAll(" · batch .*$", ""))
                .as("the dashboard says which case each slide is")
                .containsExactlyInAnyOrder("Nuclei · case-7/HE.svs", "Nuclei · case-8/HE.svs", "Nuclei · PAS.svs");
        assertThat(batch).extracting(w -> w.jobs().getFirst().branch())
                .as("each slide has a lane of its own: none waits for another's to finish").doesNotHaveDuplicates();
    }
}
