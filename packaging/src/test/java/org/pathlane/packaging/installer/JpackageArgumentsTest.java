package org.pathlane.packaging.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

class JpackageArgumentsTest {

    private static final Path ICON = Path.of("icon");
    private static final List<Path> ASSOCIATIONS = List.of(Path.of("svs.properties"), Path.of("tif.properties"));

    private static JpackageArguments on(TargetPlatform platform, String version) {
        return new JpackageArguments(platform, AppVersion.fromMaven(version), ICON);
    }

    private static JpackageArguments.ImageContent content() {
        return new JpackageArguments.ImageContent(Path.of("runtime"), Path.of("input"), "pathlane-app.jar",
                "org.pathlane.app.Main", LauncherOptions.javaOptions(List.of("javafx.graphics"), Optional.empty()),
                Path.of("cli.properties"));
    }

    /** Every value given to {@code option}, in order. */
    private static List<String> values(List<String> args, String option) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(option)) {
                values.add(args.get(i + 1));
            }
        }
        return values;
    }

    @Test
    void appImageRunsTheAppsMainClassWithTheLauncherOptions() {
        List<String> args = on(TargetPlatform.LINUX, "0.1.0-SNAPSHOT").appImage(content(), Path.of("dest"));

        assertThat(values(args, "--type")).containsExactly("app-image");
        assertThat(values(args, "--name")).containsExactly("PathLane");
        assertThat(values(args, "--app-version")).containsExactly("0.1.0");
        assertThat(values(args, "--main-class")).containsExactly("org.pathlane.app.Main");
        assertThat(values(args, "--java-options")).contains("-Donnxruntime.native.path=$APPDIR/native/onnxruntime");
        assertThat(values(args, "--add-launcher")).isEmpty();
    }

    @Test
    void debianPackageDependsOnOpenSlideAndRegistersTheSlideTypes() {
        List<String> deb = on(TargetPlatform.LINUX, "1.2.3").installer("deb", Path.of("PathLane"), ASSOCIATIONS, Path.of("res"), Path.of("dest"));
        List<String> rpm = on(TargetPlatform.LINUX, "1.2.3").installer("rpm", Path.of("PathLane"), ASSOCIATIONS, Path.of("res"), Path.of("dest"));

        assertThat(values(deb, "--linux-package-deps")).containsExactly("libopenslide0 | libopenslide1");
        assertThat(values(rpm, "--linux-package-deps")).containsExactly("openslide");
        assertThat(values(deb, "--file-associations")).containsExactly("svs.properties", "tif.properties");
        assertThat(values(deb, "--resource-dir")).containsExactly("res");
        assertThat(values(deb, "--app-image")).containsExactly("PathLane");
        assertThat(values(deb, "--linux-package-name")).containsExactly("pathlane");
        assertThat(deb).contains("--linux-shortcut");
        assertThat(values(rpm, "--linux-deb-maintainer")).isEmpty();
    }

    @Test
    void windowsInstallerUpgradesInPlaceAndShipsAConsoleLauncher() {
        JpackageArguments windows = on(TargetPlatform.WINDOWS, "1.0.0");

        List<String> image = windows.appImage(content(), Path.of("dest"));
        List<String> msi = windows.installer("msi", Path.of("PathLane"), ASSOCIATIONS, Path.of("res"), Path.of("dest"));

        assertThat(values(image, "--add-launcher")).containsExactly("pathlane-cli=cli.properties");
        assertThat(values(msi, "--win-upgrade-uuid")).containsExactly(JpackageArguments.WINDOWS_UPGRADE_UUID);
        assertThat(msi).contains("--win-menu", "--win-shortcut");
        assertThat(values(msi, "--resource-dir")).isEmpty();
        assertThat(LauncherOptions.windowsCliLauncherProperties()).contains("win-console=true");
    }

    @Test
    void macBundleHasItsIdentifierAndRefusesOtherPlatformsInstallers() {
        JpackageArguments mac = on(TargetPlatform.MAC, "1.0.0");

        assertThat(values(mac.appImage(content(), Path.of("dest")), "--mac-package-identifier")).containsExactly("org.pathlane.desktop");
        assertThatThrownBy(() -> mac.installer("deb", Path.of("PathLane.app"), ASSOCIATIONS, Path.of("res"), Path.of("dest")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("dmg");
        assertThatThrownBy(() -> on(TargetPlatform.MAC, "0.1.0"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("macOS");
    }
}
