package org.pathlane.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.testdata.SharedData;

class OnnxModelTest {

    @TempDir
    Path tmp;

    @Test
    void unetReproducesItsTestOutputThroughTheDescription() throws Exception {
        ModelSpec spec = ModelLoader.load(SharedData.unet());
        assertThat(spec.channels()).isEqualTo(1);
        assertThat(spec.sigmoid()).isTrue();
        assertThat(spec.outputKind()).isEqualTo(OutputKind.PROBABILITY);
        assertThat(spec.halo()).isEqualTo(32);
        assertThat(spec.pixelSizeSaid()).isFalse();
        assertThat(spec.preprocessing()).extracting(Preprocessing::id)
                .containsExactly("ensure_dtype", "zero_mean_unit_variance", "ensure_dtype");
        try (OnnxModel model = OnnxModel.open(spec, Device.CPU)) {
            assertThat(model.fixedBatch()).isEqualTo(1);
            assertThat(model.fixedSize()).isEqualTo(512);
            ModelTester.Result result = ModelTester.test(model);
            assertThat(result.maxDifference()).isLessThan(1e-5);
            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void autoFallsBackToCpuWithTheReasonAndCudaIsAClearError() {
        ModelSpec spec = ModelLoader.loadDefault();
        try (OnnxModel model = OnnxModel.open(spec, Device.AUTO)) {
            assumeTrue(model.device().equals("cpu"), "CUDA loads on this machine: the fallback cannot be observed");
            assertThat(model.deviceNote()).startsWith("CUDA unavailable, using CPU:");
            assertThatThrownBy(() -> OnnxModel.open(spec, Device.CUDA))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("--device cuda")
                    .hasMessageContaining("CUDA 12");
        }
    }

    @Test
    void aFileThatIsNotOnnxFailsAtOpenNamingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("junk"));
        Files.writeString(dir.resolve("model.onnx"), "this is not a protobuf");
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"model.onnx","input":{"channels":3,"minSize":64,"step":1},"output":{"kind":"probability"}}""");
        ModelSpec spec = ModelLoader.load(dir);
        assertThatThrownBy(() -> OnnxModel.open(spec, Device.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("model.onnx").toString())
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void aNetworkWhoseSizeContradictsItsDescriptionFailsAtOpen() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("unet-wrong-size"));
        Path unet = SharedData.unet();
        Files.copy(unet.resolve("weights.onnx"), dir.resolve("weights.onnx"));
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"weights.onnx","channel":"gray",
                 "input":{"channels":1,"minSize":256,"step":0},"output":{"kind":"probability"}}""");
        assertThatThrownBy(() -> OnnxModel.open(ModelLoader.load(dir), Device.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("fixed input size 512");
    }

    @Test
    void aNetworkWithAnotherChannelCountFailsAtOpen() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("unet-rgb"));
        Files.copy(SharedData.unet().resolve("weights.onnx"), dir.resolve("weights.onnx"));
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"weights.onnx","input":{"channels":3,"minSize":512},"output":{"kind":"probability"}}""");
        assertThatThrownBy(() -> OnnxModel.open(ModelLoader.load(dir), Device.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("takes 1 channels");
    }
}
