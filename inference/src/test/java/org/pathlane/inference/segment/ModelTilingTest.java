package org.pathlane.inference.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.model.ChannelChoice;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.OutputKind;
import org.pathlane.inference.model.PostprocessParams;
import org.pathlane.inference.model.WeightsSource;
import org.pathlane.inference.tiling.TilingOptions;

class ModelTilingTest {

    private static ModelSpec spec(int minSize, int step, int halo) {
        return new ModelSpec("m", Path.of("m/model.json"), WeightsSource.ofFile(Path.of("m/w.onnx")), null, "in", "out", 3, 0,
                minSize, step, halo, List.of(), ChannelChoice.RGB, OutputKind.PROBABILITY, false, 0, 0.5, true,
                PostprocessParams.DEFAULT, false, Optional.empty(), Optional.empty());
    }

    @Test
    void aFixedInputSizeSetsTheCoreInsideTheHalo() {
        TilingOptions o = ModelTiling.options(spec(512, 0, 0), 512, 512, 64, 100_000, 1.0, 0.05);
        assertThat(o.core()).isEqualTo(384);
        assertThat(o.imageSize()).isEqualTo(512);
    }

    @Test
    void aSizeStepPadsTheCoreUpToTheNextAcceptedInput() {
        TilingOptions o = ModelTiling.options(spec(64, 32, 0), 0, 500, 64, 100_000, 1.0, 0.05);
        assertThat(o.imageSize()).isEqualTo(640);
        assertThat(o.core()).isEqualTo(512);
    }

    @Test
    void theModelsOwnHaloIsAMinimumAndABigTileCoversTheRegionAtOnce() {
        TilingOptions o = ModelTiling.options(spec(32, 1, 96), 0, 4096, 64, 2048, 1.0, 0.05);
        assertThat(o.halo()).isEqualTo(96);
        assertThat(o.core()).isGreaterThanOrEqualTo(2048).isLessThan(4096);
    }
}
