package org.pathlane.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PackagingOptionsTest {

    private static final String[] BASE = {"--jars=j", "--work=w", "--dest=d", "--version=0.1.0-SNAPSHOT", "--flavour=cpu"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void readsWhatTheMavenProfilePasses() {
        PackagingOptions options = PackagingOptions.parse(with("--types=app-image, deb,rpm", "--onnxruntime=onnxruntime", "--openslide="));

        assertThat(options.jars()).isEqualTo(Path.of("j"));
        assertThat(options.types()).containsExactly("app-image", "deb", "rpm");
        assertThat(options.installerTypes()).containsExactly("deb", "rpm");
        assertThat(options.openSlide()).isEmpty();
        assertThat(PackagingOptions.parse(with("--types=msi", "--openslide=/x")).openSlide()).contains(Path.of("/x"));
    }

    @Test
    void explainsWrongArguments() {
        assertThatThrownBy(() -> PackagingOptions.parse(with("--types=deb", "--colour=red")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("--colour=red");
        assertThatThrownBy(() -> PackagingOptions.parse("--jars=j", "--work=w", "--dest=d", "--version=1", "--flavour=tpu", "--types=deb"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("tpu");
        assertThatThrownBy(() -> PackagingOptions.parse(BASE))
                .isInstanceOf(PackagingException.class).hasMessageContaining("--types");
        assertThatThrownBy(() -> PackagingOptions.parse(with("--types=deb", "--onnxruntime=onnxruntime_gpu")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("cpu flavour").hasMessageContaining("onnxruntime_gpu");
    }

    @Test
    void refusesTheGpuFlavourOnMacs() {
        PackagingOptions gpu = PackagingOptions.parse("--jars=j", "--work=w", "--dest=d", "--version=1", "--flavour=gpu", "--types=dmg");

        assertThat(gpu.onnxRuntime()).isEqualTo("onnxruntime_gpu");
        assertThat(gpu.checkFor(TargetPlatform.LINUX)).isSameAs(gpu);
        assertThatThrownBy(() -> gpu.checkFor(TargetPlatform.MAC))
                .isInstanceOf(PackagingException.class).hasMessageContaining("macOS").hasMessageContaining("--cpu");
    }
}
