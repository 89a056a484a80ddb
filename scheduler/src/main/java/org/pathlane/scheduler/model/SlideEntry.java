package org.pathlane.scheduler.model;

import java.time.Instant;

/** A slide in a user's library: its file path, when it was added and optional JSON metadata (may be null). */
public record SlideEntry(String id, String user, String path, Instant addedAt, String metadataJson) {
}
