package org.pathlane.packaging.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pathlane.packaging.Archives;
import org.pathlane.packaging.PackagingException;

/**
 * Splits ONNX Runtime's jar into its classes and this platform's native libraries. Left in the jar,
 * the libraries (580 MB for the CUDA provider) would be copied to a temporary folder on every start
 * and shipped once per platform; extracted, they are loaded in place through
 * {@code -Donnxruntime.native.path}, and the other platforms' copies are left out.
 */
public final class OnnxRuntimeNatives {

    /** Where ONNX Runtime's jars keep their libraries. */
    static final String NATIVE_PREFIX = "ai/onnxruntime/native/";

    private OnnxRuntimeNatives() {
    }

    /**
     * Writes the jar without natives to {@code jarOut} and this platform's libraries to
     * {@code nativeDir}; returns the names of the extracted libraries.
     */
    public static List<String> split(Path onnxJar, String platformFolder, Path jarOut, Path nativeDir) {
        String wanted = NATIVE_PREFIX + platformFolder + "/";
        List<String> extracted = new ArrayList<>();
        Set<String> available = new TreeSet<>();
        try {
            Files.createDirectories(nativeDir);
            Files.createDirectories(jarOut.getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jarOut))) {
                Archives.forEachFile(onnxJar, (entry, bytes) -> {
                    String name = entry.getName();
                    if (name.startsWith(NATIVE_PREFIX)) {
                        String inFolder = name.substring(NATIVE_PREFIX.length());
                        if (inFolder.indexOf('/') > 0) {
                            available.add(inFolder.substring(0, inFolder.indexOf('/')));
                        }
                        // Only the folder's own files: the macOS jars add .dSYM debug bundles (70 MB) below them.
                        if (name.startsWith(wanted) && name.indexOf('/', wanted.length()) < 0) {
                            extracted.add(Archives.write(nativeDir, Archives.fileName(name), bytes).getFileName().toString());
                        }
                    } else {
                        out.putNextEntry(new ZipEntry(name));
                        bytes.transferTo(out);
                        out.closeEntry();
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot split ONNX Runtime's jar " + onnxJar + " into " + jarOut + " and " + nativeDir, e);
        }
        if (extracted.isEmpty()) {
            throw new PackagingException("ONNX Runtime's jar " + onnxJar.getFileName() + " has no libraries for "
                    + platformFolder + ", only for " + available + ": on macOS and Linux/aarch64 build the CPU flavour "
                    + "(./pathlane package --cpu); other systems need a machine of a listed kind.");
        }
        extracted.sort(null);
        return List.copyOf(extracted);
    }
}
