package org.pathlane.app.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.app.session.TestEngines;
import org.pathlane.scheduler.engine.PasswordHasher;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

class ProfilesViewModelTest {

    @TempDir
    Path dir;
    private Scheduler scheduler;
    private ProfilesViewModel vm;
    private final List<UserProfile> signedIn = new ArrayList<>();

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, Limits.DEFAULT);
        vm = new ProfilesViewModel(scheduler.profiles(), new PasswordHasher(1_000), TestEngines.direct());
        vm.refresh();
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void theFirstStartOffersTheFirstProfileWhichBecomesAdmin() {
        assertThat(vm.firstStartProperty().get()).isTrue();
        vm.create(null, "  Ada Lovelace ", null, new char[0], false, signedIn::add);
        assertThat(vm.firstStartProperty().get()).isFalse();
        assertThat(signedIn).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Ada Lovelace");
            assertThat(p.admin()).isTrue();
            assertThat(p.colour()).isEqualTo(Avatar.colourFor("Ada Lovelace"));
        });
        vm.create(null, "Grace", "#228833", new char[0], false, signedIn::add);
        assertThat(signedIn.get(1).admin()).isFalse();
        assertThat(vm.profiles()).extracting(UserProfile::name).containsExactlyInAnyOrder("Ada Lovelace", "Grace");
    }

    @Test
    void aPasswordIsStoredHashedAndChecked() {
        vm.create(null, "Ada", null, "s3cret".toCharArray(), false, signedIn::add);
        UserProfile ada = scheduler.profiles().find("Ada").orElseThrow();
        assertThat(ada.passwordHash()).isNotNull().doesNotContain("s3cret");
        assertThat(vm.needsPassword(ada)).isTrue();
        signedIn.clear();
        vm.signIn(ada, "wrong".toCharArray(), signedIn::add);
        assertThat(signedIn).isEmpty();
        assertThat(vm.errorProperty().get()).contains("Wrong password").contains("Ada");
        vm.signIn(ada, "s3cret".toCharArray(), signedIn::add);
        assertThat(signedIn).containsExactly(ada);
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void emptyAndTakenNamesAreRefusedWithAReason() {
        vm.create(null, "Ada", null, new char[0], false, signedIn::add);
        vm.create(null, "   ", null, new char[0], false, signedIn::add);
        assertThat(vm.errorProperty().get()).contains("Type a name");
        vm.create(null, "ada", null, new char[0], false, signedIn::add);
        assertThat(vm.errorProperty().get()).contains("exists already");
        assertThat(scheduler.profiles().list()).hasSize(1);
    }

    @Test
    void onlyAnAdminCanCreateAnotherAdmin() {
        vm.create(null, "Ada", null, new char[0], false, signedIn::add);
        vm.create(null, "Mallory", null, new char[0], true, signedIn::add);
        assertThat(vm.errorProperty().get()).contains("Mallory").contains("admin");
        vm.create("Ada", "Grace", null, new char[0], true, signedIn::add);
        assertThat(scheduler.profiles().find("Grace").orElseThrow().admin()).isTrue();
    }
}
