package org.pathlane.app.profiles;

import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.scheduler.engine.PasswordHasher;
import org.pathlane.scheduler.engine.Profiles;
import org.pathlane.scheduler.model.UserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start screen: the profiles to pick from, creating one (the very first is the admin), signing in with
 * an optional password. Engine calls and password hashing run in the background.
 */
public final class ProfilesViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilesViewModel.class);

    private final Profiles profiles;
    private final PasswordHasher hasher;
    private final UiExecutors executors;
    private final ObservableList<UserProfile> list = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper firstStart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ProfilesViewModel(Profiles profiles, PasswordHasher hasher, UiExecutors executors) {
        this.profiles = profiles;
        this.hasher = hasher;
        this.executors = executors;
    }

    public ObservableList<UserProfile> profiles() {
        return list;
    }

    /** True when no profile exists yet: the start screen offers to create the first (admin) profile. */
    public ReadOnlyBooleanProperty firstStartProperty() {
        return firstStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What went wrong last, said so the user knows what to do; empty when nothing did. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void refresh() {
        executors.background().execute(() -> {
            try {
                var all = profiles.list();
                executors.fx().execute(() -> {
                    list.setAll(all);
                    firstStart.set(all.isEmpty());
                    loaded.set(true);
                });
            } catch (RuntimeException e) {
                LOG.error("Could not list profiles", e);
                executors.fx().execute(() -> error.set("Could not read the profiles: " + e.getMessage()));
            }
        });
    }

    /**
     * Creates a profile. The first profile of a lab is always its admin.
     *
     * @param acting    the signed-in admin creating it, or null on the start screen
     * @param password  empty for no password; cleared after hashing
     * @param onCreated called on the FX thread with the new profile
     */
    public void create(String acting, String name, String colour, char[] password, boolean admin, Consumer<UserProfile> onCreated) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            error.set("Type a name for the profile.");
            return;
        }
        if (list.stream().anyMatch(p -> p.name().equalsIgnoreCase(trimmed))) {
            error.set("A profile named \"" + trimmed + "\" exists already: pick it, or choose another name.");
            return;
        }
        boolean makeAdmin = admin || list.isEmpty();
        String chosenColour = colour == null || colour.isBlank() ? Avatar.colourFor(trimmed) : colour;
        busy.set(true);
        error.set("");
        executors.background().execute(() -> {
            try {
                String hash = password == null || password.length == 0 ? null : hasher.hash(password);
                UserProfile created = profiles.create(acting, new UserProfile(trimmed, chosenColour, makeAdmin, hash, null));
                var all = profiles.list();
                executors.fx().execute(() -> {
                    busy.set(false);
                    list.setAll(all);
                    firstStart.set(false);
                    onCreated.accept(created);
                });
            } catch (RuntimeException e) {
                LOG.info("Profile {} not created: {}", trimmed, e.getMessage());
                executors.fx().execute(() -> {
                    busy.set(false);
                    error.set("Could not create profile \"" + trimmed + "\": " + e.getMessage());
                });
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        });
    }

    /** Whether signing in to this profile asks for a password. */
    public boolean needsPassword(UserProfile profile) {
        return profile.passwordHash() != null;
    }

    /**
     * Signs in: at once for a profile without password, after checking the password otherwise.
     *
     * @param onSignedIn called on the FX thread when the password matched
     */
    public void signIn(UserProfile profile, char[] password, Consumer<UserProfile> onSignedIn) {
        error.set("");
        if (!needsPassword(profile)) {
            onSignedIn.accept(profile);
            return;
        }
        busy.set(true);
        executors.background().execute(() -> {
            boolean ok = profiles.verifyPassword(profile.name(), password);
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            executors.fx().execute(() -> {
                busy.set(false);
                if (ok) {
                    onSignedIn.accept(profile);
                } else {
                    error.set("Wrong password for \"" + profile.name() + "\". Ask your admin to reset it if you forgot it.");
                }
            });
        });
    }
}
