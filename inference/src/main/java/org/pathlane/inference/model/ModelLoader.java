package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds and reads a model description: {@code default} (the bundled model), a folder holding
 * {@code rdf.yaml}/{@code bioimageio.yaml} or {@code model.json}, such a folder zipped, a description
 * file itself, or a bare {@code .onnx} with a {@code model.json} beside it.
 */
public final class ModelLoader {

    public static final String DEFAULT = "default";
    static final String DEFAULT_RESOURCE_DIR = "/org/pathlane/inference/model/builtin/";
    private static final List<String> DESCRIPTIONS = List.of("rdf.yaml", "bioimageio.yaml", "model.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelLoader() {
    }

    /** @param model {@code default} or a path, as a user typed it */
    public static ModelSpec load(String model) {
        if (model == null || model.isBlank() || model.equals(DEFAULT)) {
            return loadDefault();
        }
        return load(Path.of(model));
    }

    public static ModelSpec loadDefault() {
        String json = DEFAULT_RESOURCE_DIR + "model.json";
        try (InputStream in = ModelLoader.class.getResourceAsStream(json)) {
            if (in == null) {
                throw new ModelException("the bundled default model is missing from this PathLane build (" + json + ")");
            }
            JsonNode root = JSON.readTree(in);
            WeightsSource weights = WeightsSource.ofResource(DEFAULT_RESOURCE_DIR + root.path("weights").asText());
            return SidecarDescription.read(Path.of(DEFAULT, "model.json"), root, weights);
        } catch (IOException e) {
            throw new ModelException("the bundled default model cannot be read: " + e.getMessage(), e);
        }
    }

    public static ModelSpec load(Path path) {
        if (!Files.exists(path)) {
            throw new ModelException(path + ": no such model (give a model folder, a zip, a description file, an .onnx"
                    + " with a model.json beside it, or 'default')");
        }
        Path file = path;
        if (Files.isDirectory(path)) {
            file = findDescription(path);
        } else if (path.getFileName().toString().toLowerCase().endsWith(".zip")) {
            file = findDescription(unzip(path));
        }
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".onnx")) {
                Path sidecar = file.resolveSibling("model.json");
                if (!Files.isRegularFile(sidecar)) {
                    throw new ModelException(file + ": a bare .onnx needs a model.json beside it (input, output kind,"
                            + " preprocessing); none found at " + sidecar);
                }
                return SidecarDescription.read(sidecar, JSON.readTree(sidecar.toFile()), WeightsSource.ofFile(file));
            }
            if (name.endsWith(".json")) {
                return SidecarDescription.read(file, JSON.readTree(file.toFile()), null);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return BioimageDescription.read(file, YAML.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be parsed: " + e.getMessage(), e);
        }
        throw new ModelException(file + ": not a model (expected a bioimage.io rdf.yaml/bioimageio.yaml, a model.json,"
                + " an .onnx or a zip of those)");
    }

    private static Path findDescription(Path dir) {
        for (String name : DESCRIPTIONS) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> subdirs = files.filter(Files::isDirectory).toList();
            if (subdirs.size() == 1) {
                return findDescription(subdirs.get(0));
            }
        } catch (IOException e) {
            throw new ModelException(dir + ": cannot be listed: " + e.getMessage(), e);
        }
        throw new ModelException(dir + ": holds no rdf.yaml, bioimageio.yaml or model.json");
    }

    /** Unpacks a zipped model into a temporary folder removed when the JVM exits. */
    private static Path unzip(Path zip) {
        try {
            Path dir = Files.createTempDirectory("pathlane-model-");
            dir.toFile().deleteOnExit();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new ModelException(zip + ": entry '" + entry.getName() + "' points outside the archive");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                    target.toFile().deleteOnExit();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new ModelException(zip + ": is not a readable zip: " + e.getMessage(), e);
        }
    }
}
