package org.pathlane.app.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvatarTest {

    @Test
    void initialsAndColoursForAvatars() {
        assertThat(Avatar.initials("Ada Lovelace")).isEqualTo("AL");
        assertThat(Avatar.initials("  grace  ")).isEqualTo("GR");
        assertThat(Avatar.initials("j")).isEqualTo("J");
        assertThat(Avatar.initials("marie-curie")).isEqualTo("MC");
        assertThat(Avatar.colourFor("Ada")).isEqualTo(Avatar.colourFor(" ada ")).isIn(Avatar.PALETTE);
    }
}
