package org.pathlane.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathlane.scheduler.api.ParamSpec.Kind;
import org.pathlane.scheduler.jobs.SleepJob;

/** One declaration per job type: what the engine accepts is what the editor offers. */
class JobTypeTest {

    private static final JobType TYPE = new JobType("tiles", "Tiles", "", List.of(
            new ParamSpec("slide", "Slide", Kind.SLIDE, null, true, List.of(), ""),
            new ParamSpec("tile", "Tile (px)", Kind.INTEGER, 512L, false, List.of(), "").range(16, 8192),
            new ParamSpec("share", "Share", Kind.DECIMAL, 0.05, false, List.of(), "").range(0, 1),
            new ParamSpec("device", "Device", Kind.CHOICE, "auto", true, List.of("auto", "cpu"), ""),
            new ParamSpec("quick", "Quick", Kind.BOOLEAN, false, false, List.of(), "")));

    @Test
    void valuesOutsideTheirKindOrRangeAreRefusedNamingTheParameter() {
        TYPE.check(Map.of("slide", "a.svs", "tile", 1024L, "share", 0.5, "quick", true));
        assertThatThrownBy(() -> TYPE.check(Map.of("slide", "a.svs", "tile", 100_000L)))
                .hasMessage("tiles job: parameter 'tile' (Tile (px)) must be from 16 to 8192, got 100000");
        assertThatThrownBy(() -> TYPE.check(Map.of("slide", "a.svs", "tile", 2.5)))
                .hasMessage("tiles job: parameter 'tile' (Tile (px)) must be a whole number from 16 to 8192, got 2.5");
        assertThatThrownBy(() -> TYPE.check(Map.of("slide", "a.svs", "share", "high")))
                .hasMessage("tiles job: parameter 'share' (Share) must be a number from 0 to 1, got \"high\"");
        assertThatThrownBy(() -> TYPE.check(Map.of("slide", "a.svs", "device", "tpu")))
                .hasMessage("tiles job: parameter 'device' (Device) must be one of auto, cpu, got \"tpu\"");
        assertThatThrownBy(() -> TYPE.check(Map.of("slide", "a.svs", "quick", "yes")))
                .hasMessageContaining("must be true or false");
    }

    @Test
    void unknownParametersAndMissingRequiredOnesAreRefused() {
        assertThatThrownBy(() -> TYPE.check(Map.of("slide", "a.svs", "colour", 1)))
                .hasMessage("tiles job: unknown parameter 'colour' (known: [slide, tile, share, device, quick])");
        assertThatThrownBy(() -> TYPE.check(Map.of()))
                .hasMessage("tiles job: parameter 'slide' (Slide) is required");
    }

    @Test
    void aLeftOutParameterTakesItsDefault() {
        assertThat(TYPE.value(Map.of("slide", "a.svs"), "tile")).isEqualTo(512L);
        assertThat(TYPE.value(Map.of("slide", "a.svs"), "device")).isEqualTo("auto");
        assertThat(TYPE.defaults()).containsEntry("tile", 512L).doesNotContainKey("slide");
    }

    @Test
    void whatIsTypedInTheEditorObeysTheSameRange() {
        ParamSpec tile = TYPE.param("tile").orElseThrow();
        assertThat(tile.parse("256")).isEqualTo(256L);
        assertThatThrownBy(() -> tile.parse("8")).hasMessage("Tile (px) must be from 16 to 8192.");
    }

    @Test
    void aTypeWithoutParametersTakesAny() {
        JobType.generic("custom").check(Map.of("anything", 1));
    }

    @Test
    void theSleepJobDeclaresWhatItChecks() {
        SleepJob sleep = new SleepJob();
        assertThat(sleep.schema().param("durationMs").orElseThrow().max()).isEqualTo(SleepJob.MAX_DURATION_MS);
        assertThatThrownBy(() -> sleep.validate(Map.of("durationMs", -1))).hasMessageContaining("durationMs");
    }
}
