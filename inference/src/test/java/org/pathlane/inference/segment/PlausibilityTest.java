package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The plausibility verdict on drawn sets of areas: nuclei pass, tiles and specks do not. */
class PlausibilityTest {

    private static final double MPP = 0.5;
    /** A 512 px tile core at 0.5 µm/px, in level-0 pixels. */
    private static final double CORE = 512.0 * 512.0;

    /** Areas in µm² as level-0 pixel areas at {@link #MPP}. */
    private static double[] um2(double... areas) {
        return Arrays.stream(areas).map(a -> a / (MPP * MPP)).toArray();
    }

    @Test
    void nucleiOfUsualSizesPassWithoutWarnings() {
        Plausibility p = new Plausibility(MPP);
        for (int t = 0; t < 10; t++) {
            p.tile(um2(18, 25, 30, 42, 55, 80, 120), CORE);
        }
        Plausibility.Verdict v = p.verdict("slide", MPP, "default");
        assertThat(v.failure()).isEmpty();
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void oneInstancePerTileTheSizeOfTheTileFailsSayingWhatToTry() {
        // The DAPI slide through the brightfield path: 20 "nuclei" of 83,000 to 92,000 µm², one per tile.
        Plausibility p = new Plausibility(MPP);
        for (int t = 0; t < 20; t++) {
            p.tile(um2(83_000 + 450 * t), CORE);
        }
        Plausibility.Verdict v = p.verdict("slide", MPP, "PathLane default nuclei detector");
        assertThat(v.failure()).get().asString().contains("not nuclei").contains("--mpp")
                .contains("PathLane default nuclei detector");
    }

    @Test
    void aFewTileSizedInstancesAmongManyNucleiAreAWarning() {
        Plausibility p = new Plausibility(MPP);
        for (int t = 0; t < 40; t++) {
            p.tile(t == 7 ? um2(30, 40, 60_000) : um2(30, 40, 50), CORE);
        }
        Plausibility.Verdict v = p.verdict("slide", MPP, "default");
        assertThat(v.failure()).isEmpty();
        assertThat(v.warnings()).anyMatch(w -> w.contains("1 instances each cover at least half a tile"));
    }

    @Test
    void specksFailAndNoNucleiOnPlentyOfTissueIsAWarning() {
        Plausibility specks = new Plausibility(MPP);
        specks.tile(um2(0.5, 0.75, 1, 1, 1.5, 2, 40), CORE);
        assertThat(specks.verdict("--mpp", MPP, "m").failure()).get().asString().contains("specks");

        Plausibility empty = new Plausibility(MPP);
        for (int t = 0; t < 18; t++) {
            empty.tile(new double[0], CORE);
        }
        Plausibility.Verdict v = empty.verdict("slide", MPP, "m");
        assertThat(v.failure()).isEmpty();
        assertThat(v.warnings()).singleElement().asString().contains("no nuclei found on 18 tissue tiles");

        // With --no-tissue, tiles of glass without nuclei are what they should be.
        Plausibility everyTile = new Plausibility(MPP, false);
        for (int t = 0; t < 18; t++) {
            everyTile.tile(t < 3 ? um2(30, 45) : new double[0], CORE);
        }
        assertThat(everyTile.verdict("slide", MPP, "m").warnings()).isEmpty();
    }
}
