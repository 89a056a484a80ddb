package org.pathlane.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.ModelTester;
import org.pathlane.inference.model.Models;
import org.pathlane.inference.model.SegmentationModel;

/**
 * The bioimage.io UNet, which ships ONNX and TorchScript weights of one network: its own test input must
 * give its test output in either engine, and the CUDA paths must fall back or refuse cleanly on a machine
 * without a GPU (skipped without the shared data).
 */
class TorchScriptEngineTest {

    static Path unet() {
        String dir = System.getProperty("pathlane.shared.dir");
        assumeTrue(dir != null, "pathlane.shared.dir is not set: skipping a test that needs the shared UNet");
        Path path = Path.of(dir, "models", "unet2d_nuclei_broad");
        assumeTrue(Files.isRegularFile(path.resolve("weights.pt")), path + "/weights.pt is absent: skipping");
        return path;
    }

    @Test
    void theUnetPassesItsOwnTestInBothEngines() throws Exception {
        ModelSpec spec = ModelLoader.load(unet());
        assertThat(spec.engines()).containsExactly(ModelEngine.ONNX, ModelEngine.TORCHSCRIPT);
        for (ModelEngine engine : new ModelEngine[] {ModelEngine.ONNX, ModelEngine.TORCHSCRIPT}) {
            try (SegmentationModel model = Models.open(spec, Device.CPU, 0, engine)) {
                assertThat(model.engine()).isEqualTo(engine);
                ModelTester.Result result = ModelTester.test(model);
                assertThat(result.passed()).as(engine + ": max difference " + result.maxDifference()).isTrue();
            }
        }
    }

    @Test
    void autoPrefersOnnxWhenTheDescriptionHasBoth() {
        assertThat(Models.choose(ModelLoader.load(unet()), ModelEngine.AUTO)).isEqualTo(ModelEngine.ONNX);
    }

    @Test
    void withoutAGpuAutoRunsOnTheCpuAndSaysWhy() {
        try (SegmentationModel model = Models.open(ModelLoader.load(unet()), Device.AUTO, 1, ModelEngine.TORCHSCRIPT)) {
            assertThat(model.device()).isEqualTo("cpu");
            assertThat(model.deviceNote()).contains("CUDA unavailable").contains("CPU build");
            assertThat(model.engineVersion()).startsWith("2.7.1").contains("DJL 0.36");
        }
    }

    @Test
    void cudaAskedForOnACpuOnlyMachineIsRefusedWithWhatToDo() {
        ModelSpec spec = ModelLoader.load(unet());
        assertThatThrownBy(() -> Models.open(spec, Device.CUDA, 1, ModelEngine.TORCHSCRIPT).close())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("--device cuda")
                .hasMessageContaining("--device auto or cpu");
    }

    @Test
    void aDamagedTorchScriptFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path unet = unet();
        for (String name : new String[] {"bioimageio.yaml", "test_input.npy", "test_output.npy"}) {
            Files.copy(unet.resolve(name), dir.resolve(name));
        }
        byte[] weights = Files.readAllBytes(unet.resolve("weights.pt"));
        Files.write(dir.resolve("weights.pt"), java.util.Arrays.copyOf(weights, weights.length / 3));
        Files.copy(unet.resolve("weights.onnx"), dir.resolve("weights.onnx"));
        byte[] before = Files.readAllBytes(dir.resolve("weights.pt"));
        ModelSpec spec = ModelLoader.load(dir);
        assertThatThrownBy(() -> Models.open(spec, Device.CPU, 1, ModelEngine.TORCHSCRIPT).close())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("weights.pt").toString())
                .hasMessageContaining("not a TorchScript model");
        assertThat(Files.readAllBytes(dir.resolve("weights.pt"))).isEqualTo(before);
    }

    @Test
    void theNativeLibraryComesFromTheBundledJarNeverADownload() {
        try (SegmentationModel model = Models.open(ModelLoader.load(unet()), Device.CPU, 1, ModelEngine.TORCHSCRIPT)) {
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
            assertThat(PyTorchRuntime.cacheDir().resolve("pytorch")).isDirectory();
        }
    }
}
