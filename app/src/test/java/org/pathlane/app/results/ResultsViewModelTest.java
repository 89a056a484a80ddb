package org.pathlane.app.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.session.AppSettings;

class ResultsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aSegmentationResultGivesItsCountSlideSummaryAndFiles() throws Exception {
        Files.writeString(dir.resolve("summary.json"), """
                {"slide": "/s/a.svs", "cells": 3416, "device": "cpu", "seconds": {"total": 21.3}}
                """);
        Files.writeString(dir.resolve("cells.csv"), "id,x,y\n" + "1,2,3\n".repeat(100));
        Files.writeString(dir.resolve("cells.geojson"), "{}");
        JobResult r = ResultsViewModel.read(dir);
        assertThat(r.cells()).isEqualTo(3416);
        assertThat(r.slide()).isEqualTo("/s/a.svs");
        assertThat(r.summary()).containsEntry("device", "cpu").containsEntry("seconds.total", "21.3");
        assertThat(r.files()).first().isEqualTo(dir.resolve("cells.csv"));
        assertThat(r.files()).contains(r.geojson());
        assertThat(r.problem()).isEmpty();
    }

    @Test
    void aDamagedSummaryOrAMissingFolderIsSaidNotThrown() throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{ not json");
        JobResult damaged = ResultsViewModel.read(dir);
        assertThat(damaged.problem()).contains("summary.json is damaged");
        assertThat(damaged.cells()).isEqualTo(-1);
        assertThat(ResultsViewModel.read(dir.resolve("nope")).problem()).contains("is gone");
    }

    @Test
    void damagedSettingsAreSetAsideAndTheDefaultsUsed() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"device\": \"tpu\"}");
        AppSettings settings = AppSettings.load(file);
        assertThat(settings.device()).isEqualTo("auto");
        assertThat(settings.loadProblem()).contains("settings.json").contains("defaults");
        assertThat(dir.resolve("settings.json.damaged")).exists();
        settings.setTile(1024);
        settings.setDark(true);
        settings.save();
        AppSettings again = AppSettings.load(file);
        assertThat(again.tile()).isEqualTo(1024);
        assertThat(again.dark()).isTrue();
        assertThat(again.segmentDefaults()).containsEntry("tile", 1024L).containsEntry("device", "auto");
    }
}
