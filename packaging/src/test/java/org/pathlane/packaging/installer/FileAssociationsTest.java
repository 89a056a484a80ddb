package org.pathlane.packaging.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAssociationsTest {

    @TempDir
    Path dir;

    @Test
    void associatesEverySlideFormatOfTheIssueWithAMimeTypeAndDescription() throws Exception {
        List<Path> files = FileAssociations.write(dir);

        List<String> extensions = new ArrayList<>();
        for (Path file : files) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            extensions.addAll(Arrays.asList(p.getProperty("extension").split(" ")));
            assertThat(p.getProperty("mime-type")).as(file.toString()).matches("image/[a-z0-9.+-]+");
            assertThat(p.getProperty("description")).as(file.toString()).isNotBlank();
            assertThat(p.getProperty("mac.LSHandlerRank")).as(file.toString())
                    .isEqualTo(p.getProperty("mime-type").equals("image/tiff") ? "Alternate" : "Default");
        }
        assertThat(extensions).containsExactlyInAnyOrder("svs", "ndpi", "mrxs", "tif", "tiff", "scn");
    }
}
