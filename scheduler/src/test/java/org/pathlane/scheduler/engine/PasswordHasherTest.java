package org.pathlane.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void aHashVerifiesItsPasswordOnlyAndNeverContainsIt() {
        String stored = hasher.hash("correct horse".toCharArray());
        assertThat(stored).startsWith("pbkdf2-sha512$1000$").doesNotContain("correct horse");
        assertThat(hasher.verify("correct horse".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("correct hors".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify("".toCharArray(), stored)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEachTime() {
        assertThat(hasher.hash("pw".toCharArray())).isNotEqualTo(hasher.hash("pw".toCharArray()));
    }

    @Test
    void aHashMadeWithAnotherCostStillVerifies() {
        String old = new PasswordHasher(500).hash("pw".toCharArray());
        assertThat(new PasswordHasher().verify("pw".toCharArray(), old)).isTrue();
    }

    @Test
    void damagedStoredValuesNeverMatch() {
        assertThat(hasher.verify("pw".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "pw")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "pbkdf2-sha512$x$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "pbkdf2-sha512$10$!!$AAAA")).isFalse();
    }
}
