package org.pathlane.packaging.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

/**
 * jpackage's command lines: first an app image (runtime, jars, natives, launchers), then each
 * installer type from that image, so the image that was checked is the one that gets installed.
 */
public final class JpackageArguments {

    public static final String NAME = "PathLane";
    public static final String VENDOR = "PathLane project";
    public static final String DESCRIPTION = "Whole-slide-image workflows for pathology labs";
    public static final String COPYRIGHT = "Copyright the PathLane authors";
    /** Package name on Linux: the same for both flavours, so one replaces the other on install. */
    public static final String LINUX_PACKAGE = "pathlane";
    /** Debian requires a maintainer address. TODO: replace with the lab's support address before the first release. */
    public static final String LINUX_MAINTAINER = "packaging@pathlane.invalid";
    /** Windows Installer upgrades an installed PathLane only if this stays the same for every release: never change it. */
    public static final String WINDOWS_UPGRADE_UUID = "2cba4bde-292d-4959-93da-fcf26606c2ea";
    public static final String MAC_IDENTIFIER = "org.pathlane.desktop";
    /** Console launcher on Windows, where the windowed PathLane.exe has no console for the command line. */
    public static final String WINDOWS_CLI_LAUNCHER = "pathlane-cli";

    private final TargetPlatform platform;
    private final AppVersion version;
    private final Path icon;

    public JpackageArguments(TargetPlatform platform, AppVersion version, Path icon) {
        this.platform = platform;
        this.version = version.checkFor(platform);
        this.icon = icon;
    }

    /** What goes into the app image: the launcher, its JVM options and the files of {@code input}. */
    public record ImageContent(Path runtime, Path input, String mainJar, String mainClass,
                               List<String> javaOptions, Path cliLauncherProperties) {
    }

    public List<String> appImage(ImageContent content, Path dest) {
        List<String> args = common("app-image", dest);
        args.addAll(List.of("--runtime-image", content.runtime().toString(),
                "--input", content.input().toString(),
                "--main-jar", content.mainJar(),
                "--main-class", content.mainClass()));
        for (String option : content.javaOptions()) {
            args.addAll(List.of("--java-options", option));
        }
        switch (platform) {
            case WINDOWS -> args.addAll(List.of("--add-launcher",
                    WINDOWS_CLI_LAUNCHER + "=" + content.cliLauncherProperties()));
            case MAC -> args.addAll(List.of("--mac-package-identifier", MAC_IDENTIFIER,
                    "--mac-package-name", NAME, "--mac-app-category", "public.app-category.medical"));
            case LINUX -> { }
        }
        return args;
    }

    /**
     * An installer ({@code deb}, {@code rpm}, {@code msi}, {@code exe}, {@code dmg}, {@code pkg}) of
     * {@code appImage}; {@code resourceDir} holds jpackage resource overrides (on Linux: {@link DesktopEntry}).
     */
    public List<String> installer(String type, Path appImage, List<Path> associations, Path resourceDir, Path dest) {
        checkType(type);
        List<String> args = common(type, dest);
        args.addAll(List.of("--app-image", appImage.toString()));
        for (Path association : associations) {
            args.addAll(List.of("--file-associations", association.toString()));
        }
        switch (platform) {
            case LINUX -> {
                args.addAll(List.of("--resource-dir", resourceDir.toString(),
                        "--linux-package-name", LINUX_PACKAGE,
                        "--linux-menu-group", "Science;MedicalSoftware;",
                        "--linux-app-category", "science",
                        "--linux-shortcut",
                        // The OpenSlide library package: Debian 12 / Ubuntu ship 3.4 as libopenslide0, Debian 13
                        // ships 4.x as libopenslide1 (the reader loads either); Fedora and EPEL call it openslide.
                        "--linux-package-deps", type.equals("deb") ? "libopenslide0 | libopenslide1" : "openslide"));
                if (type.equals("deb")) {
                    args.addAll(List.of("--linux-deb-maintainer", LINUX_MAINTAINER));
                }
            }
            case WINDOWS -> args.addAll(List.of("--win-menu", "--win-menu-group", NAME, "--win-shortcut",
                    "--win-dir-chooser", "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID));
            case MAC -> args.addAll(List.of("--mac-package-identifier", MAC_IDENTIFIER));
        }
        return args;
    }

    /** The installer types jpackage builds on this platform. */
    public static List<String> typesFor(TargetPlatform platform) {
        return switch (platform) {
            case LINUX -> List.of("deb", "rpm");
            case WINDOWS -> List.of("msi", "exe");
            case MAC -> List.of("dmg", "pkg");
        };
    }

    private void checkType(String type) {
        if (!typesFor(platform).contains(type)) {
            throw new PackagingException("jpackage cannot build a '" + type + "' installer on " + platform
                    + ": choose one of " + typesFor(platform) + " (or app-image).");
        }
    }

    private List<String> common(String type, Path dest) {
        return new ArrayList<>(List.of("--type", type,
                "--name", NAME,
                "--app-version", version.text(),
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--copyright", COPYRIGHT,
                "--icon", icon.toString(),
                "--dest", dest.toString()));
    }
}
