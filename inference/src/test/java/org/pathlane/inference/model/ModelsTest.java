package org.pathlane.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.testdata.SharedData;

/**
 * Which engine runs a model, as this module alone sees it: without the TorchScript module on the class
 * path it is the lean, ONNX-only build, and TorchScript weights must be refused with what to do.
 */
class ModelsTest {

    @TempDir
    Path dir;

    /** The shared UNet's description with only the weight formats kept that {@code keep} names. */
    private Path unetWith(String... keep) throws Exception {
        Path unet = SharedData.unet();
        String yaml = Files.readString(unet.resolve("bioimageio.yaml"));
        int weights = yaml.indexOf("\nweights:");
        StringBuilder kept = new StringBuilder(yaml.substring(0, weights)).append("\nweights:\n");
        for (String format : keep) {
            kept.append("  ").append(format).append(":\n    source: ").append(format.equals("onnx") ? "weights.onnx"
                    : format.equals("torchscript") ? "weights.pt" : "http://example.org/w.torch").append('\n');
        }
        Files.writeString(dir.resolve("bioimageio.yaml"), kept);
        for (String file : new String[] {"weights.onnx", "weights.pt", "test_input.npy", "test_output.npy"}) {
            Files.copy(unet.resolve(file), dir.resolve(file));
        }
        return dir;
    }

    @Test
    void torchScriptOnlyWeightsInTheLeanBuildAreRefusedWithWhatToDo() throws Exception {
        ModelSpec spec = ModelLoader.load(unetWith("torchscript"));
        assertThat(spec.engines()).containsExactly(ModelEngine.TORCHSCRIPT);
        assertThat(Models.choose(spec, ModelEngine.AUTO)).isEqualTo(ModelEngine.TORCHSCRIPT);
        assertThat(Models.available(ModelEngine.TORCHSCRIPT)).isFalse();
        assertThatThrownBy(() -> Models.open(spec, Device.CPU, 1, ModelEngine.AUTO))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("bioimageio.yaml").toString())
                .hasMessageContaining("lean")
                .hasMessageContaining("install the full PathLane build");
    }

    @Test
    void askingForAnEngineTheModelHasNoWeightsForNamesTheOnesItHas() throws Exception {
        ModelSpec spec = ModelLoader.load(unetWith("torchscript"));
        assertThatThrownBy(() -> Models.open(spec, Device.CPU, 1, ModelEngine.ONNX))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has no onnx weights (it has [torchscript])")
                .hasMessageContaining("--engine torchscript");
    }

    @Test
    void onnxWeightsRunInEveryBuild() throws Exception {
        ModelSpec spec = ModelLoader.load(unetWith("onnx"));
        try (SegmentationModel model = Models.open(spec, Device.CPU, 1, ModelEngine.AUTO)) {
            assertThat(model.engine()).isEqualTo(ModelEngine.ONNX);
            assertThat(model.engineVersion()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(ModelTester.test(model).passed()).isTrue();
        }
    }

    @Test
    void weightsNeedingPythonAreNamedInTheRefusal() throws Exception {
        assertThatThrownBy(() -> ModelLoader.load(unetWith("pytorch_state_dict")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no onnx or torchscript weights (found: [pytorch_state_dict])");
    }

    @Test
    void theEngineIsParsedAsTheCommandLineSpellsIt() {
        assertThat(ModelEngine.parse("TorchScript")).isEqualTo(ModelEngine.TORCHSCRIPT);
        assertThatThrownBy(() -> ModelEngine.parse("tensorflow")).hasMessage(
                "engine 'tensorflow' is not one of auto, onnx, torchscript");
    }
}
