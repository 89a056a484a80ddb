package org.pathlane.packaging.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pathlane.packaging.PackagingException;
import org.pathlane.packaging.TargetPlatform;

class AppVersionTest {

    @Test
    void installsSnapshotsUnderTheirNumbers() {
        assertThat(AppVersion.fromMaven("0.1.0-SNAPSHOT").text()).isEqualTo("0.1.0");
        assertThat(AppVersion.fromMaven("2.3").text()).isEqualTo("2.3.0");
        assertThat(AppVersion.fromMaven("1.4.2").text()).isEqualTo("1.4.2");
    }

    @Test
    void refusesVersionsWithoutNumbers() {
        assertThatThrownBy(() -> AppVersion.fromMaven("trunk-SNAPSHOT"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("trunk-SNAPSHOT").hasMessageContaining("pom.xml");
    }

    @Test
    void appliesEachInstallerFormatsLimits() {
        assertThatThrownBy(() -> AppVersion.fromMaven("0.9.0").checkFor(TargetPlatform.MAC))
                .isInstanceOf(PackagingException.class).hasMessageContaining("macOS");
        assertThatThrownBy(() -> AppVersion.fromMaven("300.0.0").checkFor(TargetPlatform.WINDOWS))
                .isInstanceOf(PackagingException.class).hasMessageContaining("255");
        assertThat(AppVersion.fromMaven("0.9.0").checkFor(TargetPlatform.LINUX).text()).isEqualTo("0.9.0");
        assertThat(AppVersion.fromMaven("1.0.0").checkFor(TargetPlatform.MAC).text()).isEqualTo("1.0.0");
    }
}
