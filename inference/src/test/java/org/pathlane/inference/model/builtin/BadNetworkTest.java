package org.pathlane.inference.model.builtin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.OnnxModel;

/** Networks that do not fit PathLane's contract fail when opened, naming the file and the problem. */
class BadNetworkTest {

    @TempDir
    Path tmp;

    private Path model(String name, byte[] onnx, String outputName) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.write(dir.resolve("net.onnx"), onnx);
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"net.onnx","input":{"name":"x","channels":3,"minSize":16,"step":1},
                 "output":{"name":"%s","kind":"probability"}}""".formatted(outputName));
        return dir;
    }

    @Test
    void aRank3InputIsRefused() throws Exception {
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        g.input("x", 3L, "H", "W");
        g.output(g.node("Relu", List.of("x")), "y", 3L, "H", "W");
        Path dir = model("rank3", g.model("rank3", "test", "1", 7, 13, ""), "y");
        assertThatThrownBy(() -> OnnxModel.open(ModelLoader.load(dir), Device.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("net.onnx").hasMessageContaining("rank 3");
    }

    @Test
    void aMissingNamedOutputIsRefused() throws Exception {
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        g.input("x", "N", 3L, "H", "W");
        g.output(g.node("Relu", List.of("x")), "a", "N", 3L, "H", "W");
        g.output(g.node("Sigmoid", List.of("x")), "b", "N", 3L, "H", "W");
        Path dir = model("outputs", g.model("two", "test", "1", 7, 13, ""), "foreground");
        assertThatThrownBy(() -> OnnxModel.open(ModelLoader.load(dir), Device.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no output named 'foreground'");
    }
}
