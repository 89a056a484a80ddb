package org.pathlane.packaging;

import java.util.Locale;

/**
 * The operating system and CPU an installer is built for. jpackage cannot cross-build, so this is
 * always the build machine; it is an enum so that every platform's choices are visible and tested.
 */
public enum TargetPlatform {
    LINUX("linux", ".so"),
    WINDOWS("win", ".dll"),
    MAC("osx", ".dylib");

    private final String onnxRuntimeOs;
    private final String nativeSuffix;

    TargetPlatform(String onnxRuntimeOs, String nativeSuffix) {
        this.onnxRuntimeOs = onnxRuntimeOs;
        this.nativeSuffix = nativeSuffix;
    }

    public static TargetPlatform current() {
        return of(System.getProperty("os.name", ""));
    }

    public static TargetPlatform of(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return WINDOWS;
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return MAC;
        }
        if (os.contains("linux")) {
            return LINUX;
        }
        throw new PackagingException("Cannot build installers on '" + osName
                + "': PathLane packages for Linux, Windows and macOS only.");
    }

    /** The folder ONNX Runtime's jars keep this platform's libraries in, e.g. {@code linux-x64}. */
    public String onnxRuntimeFolder(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> throw new PackagingException("ONNX Runtime publishes no libraries for the CPU '" + osArch
                    + "': build the installer on an x64 or aarch64 machine.");
        };
        return onnxRuntimeOs + "-" + cpu;
    }

    /** True for file names of this platform's shared libraries ({@code libx.so.1} counts on Linux). */
    public boolean isNativeLibrary(String fileName) {
        return fileName.endsWith(nativeSuffix) || (this == LINUX && fileName.contains(".so."));
    }
}
