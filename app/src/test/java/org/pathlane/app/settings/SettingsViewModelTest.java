package org.pathlane.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.Session;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.engine.PasswordHasher;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

class SettingsViewModelTest {

    @TempDir
    Path dir;
    private AppContext context;
    private UserProfile bob;

    @BeforeEach
    void setUp() throws Exception {
        context = TestEngines.context(dir, new Limits(2, 2), List.of(), Runnable::run);
        context.scheduler().profiles().create(null, new UserProfile("ada", "#4477AA", true, null, null));
        bob = context.scheduler().profiles().create(null,
                new UserProfile("bob", "#228833", false, new PasswordHasher(1_000).hash("old-secret".toCharArray()), null));
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    private SettingsViewModel as(UserProfile user) {
        return new SettingsViewModel(new Session(context, user, uri -> { }), UiExecutors.direct(), () -> "CPU only");
    }

    @Test
    void aNewPasswordNeedsTheCurrentOneAndTheSameRepeat() {
        SettingsViewModel vm = as(bob);
        char[] typedNew = "new-secret".toCharArray();
        vm.setOwnPassword("old-secret".toCharArray(), typedNew, "new-secrte".toCharArray());
        assertThat(vm.messageProperty().get()).contains("differ").contains("not changed");
        assertThat(typedNew).as("wiped").containsOnly('\0');

        vm.setOwnPassword("guess".toCharArray(), "new-secret".toCharArray(), "new-secret".toCharArray());
        assertThat(vm.messageProperty().get()).contains("current password is not right");
        assertThat(context.scheduler().profiles().verifyPassword("bob", "old-secret".toCharArray())).isTrue();

        vm.setOwnPassword("old-secret".toCharArray(), "new-secret".toCharArray(), "new-secret".toCharArray());
        assertThat(vm.messageProperty().get()).isEqualTo("Your password is set.");
        assertThat(context.scheduler().profiles().verifyPassword("bob", "new-secret".toCharArray())).isTrue();
        assertThat(context.scheduler().profiles().verifyPassword("bob", "old-secret".toCharArray())).isFalse();
    }

    @Test
    void onlyAnAdminMovesTheWorkstationsDataFolderAndLimitsReadInTheSingular() {
        SettingsViewModel bobs = as(bob);
        assertThat(bobs.canChangeDataDir()).isFalse();
        bobs.chooseDataDir(dir.resolve("elsewhere"));
        assertThat(bobs.messageProperty().get()).contains("Only an admin");
        assertThat(as(context.scheduler().profiles().find("ada").orElseThrow()).canChangeDataDir()).isTrue();

        SettingsViewModel adas = as(context.scheduler().profiles().find("ada").orElseThrow());
        adas.saveLimits("1", "1");
        assertThat(adas.messageProperty().get()).isEqualTo("Limits saved: 1 worker, 1 active user.");
        adas.saveLimits("3", "2");
        assertThat(adas.messageProperty().get()).isEqualTo("Limits saved: 3 workers, 2 active users.");
    }

    @Test
    void anAdminMovesTheDesktopOntoALabDatabaseWithoutItsPasswordEverBeingStored() throws Exception {
        SettingsViewModel bobs = as(bob);
        bobs.saveLab("postgresql://dbhost/pathlane", "", dir.resolve("share").toString(), "2",
                java.util.Map.of("PATHLANE_DB_USER", "lab", "PATHLANE_DB_PASSWORD", "s3cret"));
        assertThat(bobs.messageProperty().get()).contains("Only an admin");
        assertThat(context.settings().lab()).isEmpty();

        SettingsViewModel adas = as(context.scheduler().profiles().find("ada").orElseThrow());
        adas.saveLab("mysql://dbhost/pathlane", "", dir.resolve("share").toString(), "2", java.util.Map.of());
        assertThat(adas.messageProperty().get()).startsWith("Not saved:").contains("postgresql://dbhost/pathlane");
        adas.saveLab("postgresql://lab:s3cret@dbhost/pathlane", "", dir.resolve("share").toString(), "2", java.util.Map.of());
        assertThat(adas.messageProperty().get()).contains("do not go on the command line");
        adas.saveLab("postgresql://dbhost/pathlane", "", dir.resolve("share").toString(), "2", java.util.Map.of());
        assertThat(adas.messageProperty().get()).contains("no credentials");
        adas.saveLab("postgresql://dbhost/pathlane", "", "", "2", java.util.Map.of());
        assertThat(adas.messageProperty().get()).contains("results folder");
        assertThat(context.settings().lab()).as("nothing refused is saved").isEmpty();

        Path credentials = java.nio.file.Files.writeString(dir.resolve("lab.credentials"), "user=lab\npassword=s3cret\n");
        adas.saveLab("postgresql://dbhost/pathlane", credentials.toString(), dir.resolve("share").toString(), "3",
                java.util.Map.of());
        assertThat(adas.messageProperty().get()).contains("joins the lab database postgresql://dbhost/pathlane")
                .contains("3 workers here").contains("next start");
        String saved = java.nio.file.Files.readString(dir.resolve("settings.json"));
        assertThat(saved).contains("postgresql://dbhost/pathlane").contains(credentials.toString()).doesNotContain("s3cret");
        org.pathlane.app.session.AppSettings reread = org.pathlane.app.session.AppSettings.load(dir.resolve("settings.json"));
        assertThat(reread.lab()).hasValueSatisfying(l -> {
            assertThat(l.workers()).isEqualTo(3);
            assertThat(l.credentials()).isEqualTo(credentials);
        });
        assertThat(adas.labText()).contains("joins the lab database");

        adas.leaveLab();
        assertThat(org.pathlane.app.session.AppSettings.load(dir.resolve("settings.json")).lab()).isEmpty();
        assertThat(adas.labText()).startsWith("This desktop uses its own database");
    }
}
