package org.pathlane.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
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
                return BioimageDescription.read(file, YAML.readTree(yamlText(file)));
            }
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be parsed: " + e.getMessage(), e);
        }
        throw new ModelException(file + ": not a model (expected a bioimage.io rdf.yaml/bioimageio.yaml, a model.json,"
                + " an .onnx or a zip of those)");
    }

    /** YAML 1.1's infinities and NaN as plain scalars, which Jackson's YAML reader cannot parse as numbers. */
    private static final java.util.regex.Pattern NON_FINITE = java.util.regex.Pattern.compile(
            "(?<=[\\[\\s,:])([-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN))(?=\\s*[,\\]\\n}]|\\s*$)", java.util.regex.Pattern.MULTILINE);

    /**
     * A description's text with {@code .inf}/{@code -.inf}/{@code .nan} quoted: the zoo writes them
     * ({@code data_range: [-.inf, .inf]}, InstanSeg among others) and Jackson would refuse the whole file.
     * PathLane reads no number from those fields.
     */
    static String yamlText(Path file) throws IOException {
        return NON_FINITE.matcher(Files.readString(file)).replaceAll("'$1'");
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

    /**
     * Unpacks a zipped model once into the user's model cache, in a folder named by the SHA-256 of the
     * zip: loading it again (every run, every job) reuses that folder, and a changed zip gets a new one.
     * The folder is filled under a temporary name and renamed into place complete, so a kill or a second
     * PathLane unpacking the same zip at once never leaves a half-unpacked model that looks ready. The
     * cache is per user (not the shared temp folder, where another account could plant weights under a
     * predictable name): {@code -Dpathlane.models.cache}, else {@code $XDG_CACHE_HOME/pathlane/models},
     * else {@code ~/.cache/pathlane/models} ({@code %LOCALAPPDATA%\PathLane\models} on Windows).
     */
    private static Path unzip(Path zip) {
        try {
            Path root = Files.createDirectories(cacheRoot());
            Path dir = root.resolve(sha256(zip));
            if (Files.isDirectory(dir)) {
                return dir;
            }
            Path partial = Files.createTempDirectory(root, dir.getFileName() + ".unpacking-");
            try {
                extract(zip, partial);
                try {
                    Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (!Files.isDirectory(dir)) {
                        throw raced;
                    }
                }
            } finally {
                deleteTree(partial);
            }
            return dir;
        } catch (IOException e) {
            throw new ModelException(zip + ": cannot be unpacked: " + e.getMessage(), e);
        }
    }

    static Path cacheRoot() {
        return org.pathlane.inference.UserCache.dir("pathlane.models.cache", "models");
    }

    private static void extract(Path zip, Path dir) throws IOException {
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
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("it is not a readable zip (" + e.getMessage() + ")", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
