package org.pathlane.app.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The signed-in profile's own folders on this workstation ({@code <data>/profiles/<name>/}), where its file
 * dialogs start, so no dialog opens in another profile's results or exports.
 */
public record ProfileFolders(Path root) {

    public static ProfileFolders of(Path dataDir, String user) {
        return new ProfileFolders(dataDir.resolve("profiles").resolve(folderName(user)));
    }

    /** Where exports go unless the user picks another folder; created when missing. */
    public Path exports() {
        return created(root.resolve("exports"));
    }

    /** This profile's workflow templates (with its slide paths: no other profile's dialogs start here); created when missing. */
    public Path templates() {
        return created(root.resolve("templates"));
    }

    /**
     * A folder name no other profile name maps to: a plain lower-case name stands as it is, any other is made
     * safe and gets 12 hex digits of its SHA-256 (so "Ada", "ada" and "../ada" stay apart and inside).
     */
    static String folderName(String name) {
        String safe = name.replaceAll("[^a-z0-9._-]", "_");
        if (safe.equals(name) && !name.isEmpty() && !name.startsWith(".")) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return safe.replaceFirst("^\\.", "_") + "~" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static Path created(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }
}
