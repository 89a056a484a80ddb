package org.pathlane.inference.model.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DefaultModelBuilderTest {

    @Test
    void theShippedGraphIsExactlyWhatTheDocumentedParametersBuild() throws Exception {
        byte[] shipped;
        try (InputStream in = getClass().getResourceAsStream("/org/pathlane/inference/model/builtin/" + DefaultModelBuilder.FILE)) {
            assertThat(in).as("bundled default model resource").isNotNull();
            shipped = in.readAllBytes();
        }
        assertThat(DefaultModelBuilder.build(DefaultModelBuilder.Parameters.SHIPPED))
                .as("rebuild with DefaultModelBuilder.main and commit the result").isEqualTo(shipped);
    }

    @Test
    void smoothingKeepsFlatStainAndTheBlobFilterIgnoresIt() {
        double gaussianSum = 0;
        for (float v : DefaultModelBuilder.gaussian(1.5)) {
            gaussianSum += v;
        }
        assertThat(gaussianSum).isCloseTo(1.0, offset(1e-5));
        float[] h = DefaultModelBuilder.negativeSecondDerivative(4);
        double hSum = 0;
        for (float v : h) {
            hSum += v;
        }
        int c = h.length / 2;
        assertThat(hSum).isCloseTo(0.0, offset(1e-5));
        assertThat(h[c]).as("blob-positive centre").isPositive();
        assertThat(h[0]).as("negative flanks").isNegative();
    }
}
