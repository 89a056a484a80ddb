package org.pathlane.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model's ONNX bytes live: a file (zipped models are unpacked first) or a class-path resource
 * (the bundled default model).
 *
 * @param file     the file, or null
 * @param resource a class-path resource name, or null
 */
public record WeightsSource(Path file, String resource) {

    public static WeightsSource ofFile(Path file) {
        return new WeightsSource(file, null);
    }

    public static WeightsSource ofResource(String resource) {
        return new WeightsSource(null, resource);
    }

    public byte[] read() throws IOException {
        if (resource != null) {
            try (InputStream in = WeightsSource.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("resource " + resource + " is missing from the PathLane build");
                }
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(file);
    }

    @Override
    public String toString() {
        return resource != null ? "bundled " + resource : file.toString();
    }
}
