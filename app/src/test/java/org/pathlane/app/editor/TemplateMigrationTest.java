package org.pathlane.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each profile gets the shared templates it can use, once, and never another profile's slides. */
class TemplateMigrationTest {

    @TempDir
    Path data;

    @Test
    void aProfileGetsTheSharedTemplatesWithoutSlidesOrWithItsOwnSlidesOnlyOnce() throws Exception {
        Path shared = Files.createDirectories(data.resolve("templates"));
        template(shared.resolve("wait.json"), null);
        template(shared.resolve("ada-case.json"), "/slides/ada/case-1.svs");
        template(shared.resolve("bob-case.json"), "/slides/bob/case-9.svs");
        Files.writeString(shared.resolve("broken.json"), "{ not a template");
        Path ada = data.resolve("profiles/ada/templates");
        Path bob = data.resolve("profiles/bob/templates");

        assertThat(TemplateMigration.copyUsable(shared, ada, Set.of("/slides/ada/case-1.svs"))).containsExactly("ada-case.json", "wait.json");
        assertThat(TemplateMigration.copyUsable(shared, bob, Set.of("/slides/bob/case-9.svs"))).containsExactly("bob-case.json", "wait.json");
        assertThat(Files.readString(ada.resolve("ada-case.json"))).doesNotContain("/slides/bob");
        assertThat(ada.resolve("bob-case.json")).doesNotExist();

        Files.delete(ada.resolve("wait.json"));
        assertThat(TemplateMigration.copyUsable(shared, ada, Set.of("/slides/ada/case-1.svs"))).as("a deleted copy stays deleted").isEmpty();
        assertThat(ada.resolve("wait.json")).doesNotExist();
        assertThat(shared.resolve("bob-case.json")).as("the shared folder is only read").exists();
    }

    @Test
    void withoutASharedFolderNothingIsCopiedAndTheProfileFolderIsMade() throws Exception {
        Path own = data.resolve("profiles/cy/templates");
        assertThat(TemplateMigration.copyUsable(data.resolve("templates"), own, Set.of())).isEmpty();
        assertThat(own).isDirectory();
    }

    private static void template(Path file, String slide) throws Exception {
        String params = slide == null ? "{\"durationMs\": 100}" : "{\"slide\": \"" + slide + "\"}";
        String type = slide == null ? "sleep" : "segment";
        Files.writeString(file, """
                {"format":"pathlane-workflow/1","name":"t","lanes":[{"name":"A","jobs":[{"id":"j1","type":"%s","params":%s}]}]}
                """.formatted(type, params));
    }
}
