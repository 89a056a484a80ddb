package org.pathlane.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model description whose numbers cannot be right is a load error naming the file and the field, in one
 * line: never replaced by a default, never ignored, never an OutOfMemoryError later in the run.
 */
class ModelFieldsTest {

    @TempDir
    Path tmp;

    private static String defaultJson() throws IOException {
        try (var in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_RESOURCE_DIR + "model.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The bundled model as a folder, with {@code from} replaced by {@code to} in its model.json. */
    private Path sidecar(String name, String from, String to) throws IOException {
        String json = defaultJson();
        assertThat(json).contains(from);
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("model.json"), json.replace(from, to));
        Files.write(dir.resolve("nuclei-default.onnx"), ModelLoader.loadDefault().weights().read());
        return dir;
    }

    private void refused(Path model, String field, String found) {
        assertThatThrownBy(() -> ModelLoader.load(model))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(model.resolve("model.json").toString())
                .hasMessageContaining(field)
                .hasMessageContaining(found)
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }

    @Test
    void impossibleNumbersAreLoadErrorsNamingTheField() throws Exception {
        refused(sidecar("tiny-pixels", "\"pixelSize\": 0.5", "\"pixelSize\": 1e-6"), "pixelSize", "1.0E-6");
        refused(sidecar("zero-pixels", "\"pixelSize\": 0.5", "\"pixelSize\": 0"), "pixelSize", "0");
        refused(sidecar("text-pixels", "\"pixelSize\": 0.5", "\"pixelSize\": \"half\""), "pixelSize", "half");
        refused(sidecar("negative-halo", "\"halo\": 0", "\"halo\": -16"), "input.halo", "-16");
        refused(sidecar("negative-area", "\"minAreaUm2\": 10", "\"minAreaUm2\": -5"), "postprocessing.minAreaUm2", "-5");
        refused(sidecar("word-threshold", "\"threshold\": 0.5", "\"threshold\": \"high\""), "postprocessing.threshold", "high");
        refused(sidecar("big-threshold", "\"threshold\": 0.5", "\"threshold\": 2"), "postprocessing.threshold", "2");
        refused(sidecar("typo", "\"seedDistanceUm\": 2.0", "\"seedDistanceUM\": 2.0"), "postprocessing.seedDistanceUM", "seedDistanceUm");
    }

    @Test
    void anOutputNameTheNetworkDoesNotHaveIsAnErrorNamingBoth() throws Exception {
        ModelSpec spec = ModelLoader.load(sidecar("wrong-output", "\"name\": \"foreground\"", "\"name\": \"nuclei\""));
        assertThatThrownBy(() -> OnnxModel.open(spec, Device.CPU).close())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("model.json")
                .hasMessageContaining("output.name")
                .hasMessageContaining("'nuclei'")
                .hasMessageContaining("foreground");
    }

    @Test
    void aZippedModelIsUnpackedOnceIntoACacheKeyedByItsContent() throws Exception {
        Path cache = tmp.resolve("cache");
        System.setProperty("pathlane.models.cache", cache.toString());
        try {
            Path folder = sidecar("zipped", "\"pixelSize\": 0.5", "\"pixelSize\": 0.5");
            Path zip = tmp.resolve("model.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (String name : List.of("model.json", "nuclei-default.onnx")) {
                    out.putNextEntry(new ZipEntry(name));
                    out.write(Files.readAllBytes(folder.resolve(name)));
                }
            }
            List<String> tempBefore = tempModelCopies();
            ModelSpec first = ModelLoader.load(zip);
            ModelSpec second = ModelLoader.load(zip);
            assertThat(first.weights().read()).isEqualTo(Files.readAllBytes(folder.resolve("nuclei-default.onnx")));
            assertThat(second.description()).isEqualTo(first.description());
            assertThat(tempModelCopies()).as("no unpacked copy left in the temp folder").isEqualTo(tempBefore);
            try (Stream<Path> copies = Files.list(cache)) {
                assertThat(copies.toList()).as("one unpacked copy, however often it is loaded").hasSize(1);
            }
        } finally {
            System.clearProperty("pathlane.models.cache");
        }
    }

    private static List<String> tempModelCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pathlane-model")).sorted().toList();
        }
    }
}
