package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine} as a user types it: the bioimage.io UNet tested in both engines, a bad engine one line. */
class ModelEngineCommandTest {

    @TempDir
    Path tmp;

    private static Path unet() {
        String dir = System.getProperty("pathlane.shared.dir");
        assumeTrue(dir != null, "pathlane.shared.dir is not set: skipping a test that needs the shared UNet");
        Path unet = Path.of(dir, "models", "unet2d_nuclei_broad");
        assumeTrue(Files.isRegularFile(unet.resolve("weights.pt")), unet + "/weights.pt is absent: skipping");
        return unet;
    }

    @Test
    void modelTestPassesWithEitherEngine() {
        Path unet = unet();
        CliRun onnx = CliRun.of("model", "test", unet.toString(), "--engine", "onnx");
        assertThat(onnx.status()).as(onnx.err()).isZero();
        assertThat(onnx.out()).contains("engine onnx ").contains(": PASS");
        CliRun torch = CliRun.of("model", "test", unet.toString(), "--engine", "torchscript", "--device", "auto");
        assertThat(torch.status()).as(torch.err()).isZero();
        assertThat(torch.out()).contains("engine torchscript 2.7.1").contains("device cpu (CUDA unavailable").contains(": PASS");
    }

    @Test
    void anEngineThatDoesNotExistIsOneLineAndExit2() {
        CliRun run = CliRun.of("model", "test", "default", "--engine", "tensorflow");
        assertThat(run.status()).isEqualTo(SegmentCommand.BAD_ARGUMENT);
        assertThat(run.err().strip()).doesNotContain("\n").contains("engine 'tensorflow' is not one of auto, onnx, torchscript");
        Path slide = tmp.resolve("s.png");
        CliRun segment = CliRun.of("segment", "--slide", slide.toString(), "--out", tmp.resolve("o").toString(),
                "--engine", "tensorflow");
        assertThat(segment.status()).isEqualTo(SegmentCommand.BAD_ARGUMENT);
        assertThat(segment.err().strip()).doesNotContain("\n").contains("engine 'tensorflow'");
    }

    @Test
    void theBundledOnnxModelHasNoTorchScriptWeightsAndSaysSo() {
        CliRun run = CliRun.of("model", "test", "default", "--engine", "torchscript");
        assertThat(run.status()).isEqualTo(SegmentCommand.BAD_MODEL);
        assertThat(run.err()).contains("has no torchscript weights (it has [onnx])");
    }
}
