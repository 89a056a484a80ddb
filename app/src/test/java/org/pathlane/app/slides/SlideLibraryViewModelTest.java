package org.pathlane.app.slides;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

class SlideLibraryViewModelTest {

    @TempDir
    Path dir;
    private Scheduler scheduler;

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, Limits.DEFAULT);
        scheduler.profiles().create(null, new UserProfile("ada", null, true, null, null));
        scheduler.profiles().create(null, new UserProfile("bob", null, false, null, null));
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private SlideLibraryViewModel library(String user) {
        return new SlideLibraryViewModel(scheduler.profiles(), user, new Thumbnails(dir.resolve("thumbs")), TestEngines.direct());
    }

    @Test
    void aFolderImportAddsItsSlidesWithFactsAndThumbnailsAndShowsBrokenFilesWithTheirError() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scans/deeper"));
        Path good = image(folder.resolve("a.png"), 640, 480);
        image(dir.resolve("scans/b.png"), 300, 200);
        Path broken = Files.writeString(dir.resolve("scans/c.svs"), "not a slide");
        Files.writeString(dir.resolve("scans/notes.txt"), "ignored: not a slide extension");
        SlideLibraryViewModel vm = library("ada");
        vm.importPaths(List.of(dir.resolve("scans")));

        assertThat(vm.items()).hasSize(3);
        SlideItem a = vm.items().stream().filter(i -> i.name().equals("a.png")).findFirst().orElseThrow();
        assertThat(a.broken()).isFalse();
        assertThat(a.facts().width()).isEqualTo(640);
        assertThat(a.facts().height()).isEqualTo(480);
        assertThat(a.facts().vendor()).isEqualTo("image");
        assertThat(a.facts().describe()).contains("640 × 480 px").contains("pixel size unknown");
        assertThat(a.facts().pixelSizeWarning()).hasValueSatisfying(w -> assertThat(w).contains("assumes 0.5 µm/px"));
        assertThat(ImageIO.read(a.thumbnail().toFile()).getWidth()).isEqualTo(Thumbnails.SIZE);
        SlideItem c = vm.items().stream().filter(i -> i.name().equals("c.svs")).findFirst().orElseThrow();
        assertThat(c.broken()).isTrue();
        assertThat(c.error()).contains("c.svs");
        assertThat(vm.statusProperty().get()).isEqualTo("2 slides added, 1 could not be imported (see the red tiles).");
        assertThat(scheduler.profiles().slides("ada")).extracting(e -> e.path()).containsExactlyInAnyOrder(
                good.toString(), dir.resolve("scans/b.png").toString());
        assertThat(vm.slidePaths()).doesNotContain(broken.toString());

        vm.importPaths(List.of(good));
        assertThat(scheduler.profiles().slides("ada")).as("a slide is added once").hasSize(2);
    }

    @Test
    void eachUserHasTheirOwnLibraryAndItSurvivesASignOut() throws Exception {
        Path slide = image(dir.resolve("x.png"), 100, 100);
        library("ada").importPaths(List.of(slide));
        SlideLibraryViewModel bob = library("bob");
        bob.load();
        assertThat(bob.items()).isEmpty();
        SlideLibraryViewModel again = library("ada");
        again.load();
        assertThat(again.items()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo(slide.toString());
            assertThat(i.facts().width()).isEqualTo(100);
            assertThat(i.thumbnail()).exists();
        });
    }

    @Test
    void aLibrarySlideWhoseFileWentAwayShowsWhatToDoAndCanBeRemoved() throws Exception {
        Path slide = image(dir.resolve("gone.png"), 50, 50);
        library("ada").importPaths(List.of(slide));
        Files.delete(slide);
        SlideLibraryViewModel vm = library("ada");
        vm.load();
        SlideItem item = vm.items().getFirst();
        assertThat(item.error()).contains("gone or unreadable").contains("remove it");
        vm.remove(item);
        assertThat(vm.items()).isEmpty();
        assertThat(scheduler.profiles().slides("ada")).isEmpty();
    }

    private static Path image(Path file, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(w / 2, h / 2, 0xff0000);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
