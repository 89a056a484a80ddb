package org.pathlane.scheduler.model;

import java.time.Instant;

/**
 * A profile (lab technician). The name is the profile's identity and never changes (results live under
 * it). {@code passwordHash} is what a caller sets ({@code PasswordHasher.hash}); null for no password. Profiles
 * handed out by the engine never carry the stored hash: theirs is {@link #HIDDEN} when a password is set, and
 * {@code Profiles.verifyPassword} checks a password against it.
 */
public record UserProfile(String name, String colour, boolean admin, String passwordHash, Instant createdAt) {

    /** The {@code passwordHash} of a profile that has a password, as listed; given back to an update it keeps the password. */
    public static final String HIDDEN = "(password set)";

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** This profile as it may leave the profile store: no hash. */
    public UserProfile redacted() {
        return passwordHash == null || HIDDEN.equals(passwordHash) ? this
                : new UserProfile(name, colour, admin, HIDDEN, createdAt);
    }
}
