package org.pathlane.packaging.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.packaging.TestJars;

class RuntimeModulesTest {

    @TempDir
    Path dir;

    @Test
    void findsTheJdkModulesTheClassesUse() throws Exception {
        Path jar = new TestJars().classUsing("demo.Repository", "java.sql.Connection").write(dir.resolve("repo.jar"));

        Set<String> modules = RuntimeModules.jdkModules(List.of(jar), List.of());

        assertThat(modules).contains("java.base", "java.sql").containsAll(RuntimeModules.ALWAYS)
                .doesNotContain("java.desktop", "java.net.http");
    }

    @Test
    void readsExplicitModulesFromTheirDescriptorEvenWhenAnOptionalRequirementIsAbsent() throws Exception {
        // Like jakarta.transaction-api, which requires jakarta.cdi that the app does not ship: jdeps refuses it.
        Path modular = new TestJars().module("demo.tx", "java.net.http", "demo.cdi").write(dir.resolve("tx.jar"));
        Path plain = new TestJars().classUsing("demo.Ui", "java.awt.Image").write(dir.resolve("ui.jar"));

        Set<String> modules = RuntimeModules.jdkModules(List.of(modular, plain), List.of());

        assertThat(modules).contains("java.net.http", "java.desktop").doesNotContain("demo.cdi");
    }

    @Test
    void keepsOnlyTheJdksOwnModulesFromJdepsOutput() {
        assertThat(RuntimeModules.parse("java.base,java.sql,javafx.graphics,not.a.module\n"))
                .containsExactly("java.base", "java.sql");
    }
}
