package org.pathlane.inference.model.builtin;

import static org.assertj.core.api.Assertions.assertThat;

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
    void kernelsAreNormalised() {
        float[][] g = DefaultModelBuilder.gaussian(1.5);
        double sum = 0;
        for (float[] row : g) {
            for (float v : row) {
                sum += v;
            }
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        float[][] log = DefaultModelBuilder.negativeLog(4);
        double logSum = 0;
        for (float[] row : log) {
            for (float v : row) {
                logSum += v;
            }
        }
        int c = log.length / 2;
        assertThat(logSum).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(log[c][c]).as("blob-positive centre").isPositive();
        assertThat(log[c][0]).as("negative ring far out").isLessThan(log[c][c]);
    }
}
