package org.pathlane.scheduler.model;

import java.time.Instant;

/**
 * A profile (lab technician). The name is the profile's identity and never changes (results live under
 * it). {@code passwordHash} is opaque to the engine (the app hashes with PBKDF2); null for no password.
 */
public record UserProfile(String name, String colour, boolean admin, String passwordHash, Instant createdAt) {
}
