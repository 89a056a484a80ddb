package org.pathlane.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.cli.SegmentCommand;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.session.AppSettings;
import org.pathlane.scheduler.api.ParamSpec;
import picocli.CommandLine;

/**
 * The segment job's parameters are declared once: the editor's palette, the workstation settings, the
 * command line's defaults and the job's validation all give the same defaults and ranges.
 */
class JobSchemaTest {

    @TempDir
    Path dir;

    private static ParamSpec segment(String key) {
        return SegmentJobHandler.SCHEMA.param(key).orElseThrow();
    }

    @Test
    void theEditorOffersExactlyWhatTheJobDeclares() {
        var palette = JobCatalog.forRegistered(java.util.Set.of("segment", "tissue", "export", "sleep"));
        assertThat(palette.find("segment").orElseThrow()).isEqualTo(SegmentJobHandler.SCHEMA);
        assertThat(palette.find("sleep").orElseThrow().label()).isEqualTo("Wait (test job)");
        assertThat(palette.types()).extracting(t -> t.name()).containsExactly("segment", "tissue", "export", "sleep");
    }

    @Test
    void theCommandLineStartsFromTheSameDefaults() {
        CommandLine cli = new CommandLine(new SegmentCommand());
        for (String key : new String[] {"tile", "halo", "batch", "engine", "device"}) {
            assertThat(cli.getCommandSpec().findOption("--" + key).defaultValue()).as(key)
                    .isEqualTo(segment(key).defaultValue().toString());
        }
    }

    @Test
    void theWorkstationSettingsUseTheJobsDefaultsAndRanges() throws Exception {
        AppSettings settings = AppSettings.load(dir.resolve("settings.json"));
        assertThat(settings.tile()).isEqualTo(segment("tile").defaultValue());
        assertThat(settings.batch()).isEqualTo(segment("batch").defaultValue());
        assertThat(AppSettings.DEVICES).isEqualTo(segment("device").choices());
        settings.setTile(segment("tile").min().longValue());
        assertThatThrownBy(() -> settings.setTile(segment("tile").max().longValue() + 1)).hasMessageContaining("tile");
    }

    @Test
    void theJobRefusesWhatTheEditorWouldRefuse() {
        SegmentJobHandler handler = new SegmentJobHandler();
        // Accepted before: a 100,000 px tile, which no model input fits in memory.
        assertThatThrownBy(() -> handler.validate(Map.of("slide", "a.svs", "tile", 100_000L)))
                .hasMessage("segment job: parameter 'tile' (Tile (px)) must be from 16 to 8192, got 100000");
        assertThatThrownBy(() -> segment("tile").parse("100000")).hasMessage("Tile (px) must be from 16 to 8192.");
        assertThatThrownBy(() -> handler.validate(Map.of("slide", "a.svs", "tissueThreshold", 2.0)))
                .hasMessageContaining("'tissueThreshold'").hasMessageContaining("from 0 to 1");
    }
}
