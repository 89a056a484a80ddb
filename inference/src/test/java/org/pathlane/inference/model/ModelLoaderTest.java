package org.pathlane.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptions are read as the spec says, and bad ones fail at load naming the file and the problem. */
class ModelLoaderTest {

    @TempDir
    Path tmp;

    private static final String V04 = """
            format_version: 0.4.10
            type: model
            name: Nuclei 0.4
            tags: [nuclei]
            inputs:
              - name: input0
                axes: bcyx
                data_type: float32
                shape: {min: [1, 1, 64, 64], step: [0, 0, 16, 16]}
                preprocessing:
                  - name: scale_range
                    kwargs: {mode: per_sample, axes: xy, min_percentile: 1, max_percentile: 99.8}
                  - name: clip
                    kwargs: {min: 0, max: 1}
            outputs:
              - name: output0
                axes: bcyx
                data_type: uint16
                shape: {reference_tensor: input0, scale: [1, 1, 1, 1], offset: [0, 0, 0, 0]}
                halo: [0, 0, 16, 16]
            weights:
              onnx: {source: model.onnx}
            test_inputs: [in.npy]
            test_outputs: [out.npy]
            config:
              pathlane: {channel: gray, pixel_size_um: 0.25}
            """;

    private Path model(String name, String yaml) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("rdf.yaml"), yaml);
        Files.writeString(dir.resolve("model.onnx"), "weights");
        return dir;
    }

    @Test
    void readsAFormat04DescriptionWithEveryFactPathLaneUses() throws Exception {
        ModelSpec spec = ModelLoader.load(model("v04", V04));
        assertThat(spec.name()).isEqualTo("Nuclei 0.4");
        assertThat(spec.inputName()).isEqualTo("input0");
        assertThat(spec.channels()).isEqualTo(1);
        assertThat(spec.channel()).isEqualTo(ChannelChoice.GRAY);
        assertThat(spec.minSize()).isEqualTo(64);
        assertThat(spec.step()).isEqualTo(16);
        assertThat(spec.accepts(80)).isTrue();
        assertThat(spec.accepts(72)).isFalse();
        assertThat(spec.acceptedSizeAtLeast(641)).isEqualTo(656);
        assertThat(spec.halo()).isEqualTo(16);
        assertThat(spec.outputKind()).isEqualTo(OutputKind.LABELS);
        assertThat(spec.pixelSize()).isEqualTo(0.25);
        assertThat(spec.pixelSizeSaid()).isTrue();
        assertThat(spec.preprocessing()).extracting(Preprocessing::id).containsExactly("scale_range", "clip");
        assertThat(spec.testInput()).contains(tmp.resolve("v04/in.npy"));
    }

    @Test
    void aZippedModelLoadsLikeItsFolder() throws Exception {
        Path zip = tmp.resolve("model.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("rdf.yaml"));
            out.write(V04.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("model.onnx"));
            out.write("weights".getBytes(StandardCharsets.UTF_8));
        }
        ModelSpec spec = ModelLoader.load(zip);
        assertThat(spec.name()).isEqualTo("Nuclei 0.4");
        assertThat(spec.weights().read()).asString().isEqualTo("weights");
    }

    @Test
    void badDescriptionsFailNamingTheFileAndTheProblem() throws Exception {
        assertThatThrownBy(() -> ModelLoader.load(model("unknown-step", V04.replace("name: clip", "name: magic_wand"))))
                .isInstanceOf(ModelException.class).hasMessageContaining("rdf.yaml").hasMessageContaining("magic_wand");
        assertThatThrownBy(() -> ModelLoader.load(model("axes", V04.replaceFirst("axes: bcyx", "axes: byxc"))))
                .hasMessageContaining("'byxc'").hasMessageContaining("bcyx");
        assertThatThrownBy(() -> ModelLoader.load(model("no-onnx", V04.replace("onnx: {source: model.onnx}",
                "torchscript: {source: model.pt}"))))
                .hasMessageContaining("torchscript weights file 'model.pt' is missing");
        assertThatThrownBy(() -> ModelLoader.load(model("keras", V04.replace("onnx: {source: model.onnx}",
                "keras_hdf5: {source: model.h5}"))))
                .hasMessageContaining("no onnx or torchscript weights (found: [keras_hdf5])");
        assertThatThrownBy(() -> ModelLoader.load(model("instanseg", V04.replace("tags: [nuclei]", "tags: [instanseg]")
                .replace("outputs:\n", "outputs:\n  - name: seeds\n    axes: bcyx\n"))))
                .hasMessageContaining("instanseg").hasMessageContaining("not support");
        assertThatThrownBy(() -> ModelLoader.load(model("silent", V04.replace("data_type: uint16", "data_type: float32"))))
                .hasMessageContaining("cannot tell what output").hasMessageContaining("output_kind");
        assertThatThrownBy(() -> ModelLoader.load(model("stain", V04.replace("pixel_size_um: 0.25}",
                "pixel_size_um: 0.25, stain: sepia}"))))
                .hasMessageContaining("rdf.yaml").hasMessageContaining("stain must be macenko or none").hasMessageContaining("sepia");
        assertThatThrownBy(() -> ModelLoader.load(tmp.resolve("missing")))
                .hasMessageContaining("missing").hasMessageContaining("no such model");
        Path bare = Files.writeString(tmp.resolve("alone.onnx"), "x");
        assertThatThrownBy(() -> ModelLoader.load(bare)).hasMessageContaining("model.json");
    }

    @Test
    void theBundledModelTakesRgbWithADynamicBatch() {
        ModelSpec spec = ModelLoader.loadDefault();
        assertThat(spec.channels()).isEqualTo(3);
        assertThat(spec.channel()).isEqualTo(ChannelChoice.RGB);
        assertThat(spec.dynamicBatch()).isTrue();
        assertThat(spec.outputKind()).isEqualTo(OutputKind.PROBABILITY);
        assertThat(spec.pixelSize()).isEqualTo(0.5);
        assertThat(spec.stainNormalised()).as("its thresholds are optical densities of the reference staining").isTrue();
    }

    @Test
    void npyArraysAreReadInCOrder() throws Exception {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer data = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            data.putFloat(i * 1.5f);
        }
        Path file = tmp.resolve("a.npy");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            out.write(data.array());
        }
        Npy npy = Npy.read(file);
        assertThat(npy.shape()).containsExactly(1, 2, 3);
        assertThat(npy.values()).containsExactly(0f, 1.5f, 3f, 4.5f, 6f, 7.5f);
        Path junk = Files.writeString(tmp.resolve("b.npy"), "hello");
        assertThatThrownBy(() -> Npy.read(junk)).hasMessageContaining("b.npy").hasMessageContaining("not a .npy");
    }

    @Test
    void preprocessingIsPerSample() {
        float[] sample = {0, 2, 4, 6};
        new Preprocessing.ZeroMeanUnitVariance(false, 0, 1, 0, false).apply(sample, 1, 4);
        assertThat(sample[0]).isCloseTo(-1.3416f, org.assertj.core.data.Offset.offset(1e-3f));
        float[] range = {0, 10, 20, 100};
        new Preprocessing.ScaleRange(0, 100, 0, false).apply(range, 1, 4);
        assertThat(range).containsExactly(0f, 0.1f, 0.2f, 1f);
    }
}
