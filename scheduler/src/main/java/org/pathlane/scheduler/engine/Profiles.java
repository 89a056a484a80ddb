package org.pathlane.scheduler.engine;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.SlideEntry;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.persistence.ProfileStore;

/**
 * Profiles (users) and each user's slide library, with the permission rules: anyone may create an ordinary
 * profile (the sign-in screen); creating an admin needs an acting admin, except for the very first admin;
 * a user edits their own profile, an admin edits and deletes any; only an admin grants admin rights; the
 * last admin cannot be deleted or demoted. Slides are private to their user (an admin sees all).
 */
public final class Profiles {

    public static final int MAX_NAME_LENGTH = 64;
    public static final String DEFAULT_COLOUR = "#4477AA";

    private final ProfileStore store;
    private final InstantSource clock;
    private final PasswordHasher hasher = new PasswordHasher();

    Profiles(ProfileStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param acting the signed-in user creating it, or null on the sign-in screen
     * @throws IllegalArgumentException for a bad or taken name
     */
    public UserProfile create(String acting, UserProfile profile) {
        String name = profile.name() == null ? "" : profile.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("profile name must be 1 to " + MAX_NAME_LENGTH
                    + " printable characters, got \"" + profile.name() + "\"");
        }
        if (profile.admin() && store.anyAdmin() && (acting == null || !require(acting).admin())) {
            throw new SecurityException("only an admin can create another admin profile");
        }
        String colour = profile.colour() == null || profile.colour().isBlank() ? DEFAULT_COLOUR : profile.colour();
        if (UserProfile.HIDDEN.equals(profile.passwordHash())) {
            throw new IllegalArgumentException("a new profile's password must be set with PasswordHasher.hash");
        }
        return store.create(new UserProfile(name, colour, profile.admin(), profile.passwordHash(), null), clock.millis())
                .redacted();
    }

    /** Every profile, without password hashes (see {@link UserProfile#HIDDEN}). */
    public List<UserProfile> list() {
        return store.list().stream().map(UserProfile::redacted).toList();
    }

    public Optional<UserProfile> find(String name) {
        return store.find(name).map(UserProfile::redacted);
    }

    /**
     * Checks a password against the stored hash, which never leaves the profile store. True for a profile without
     * a password whatever is given; false for an unknown profile.
     */
    public boolean verifyPassword(String name, char[] password) {
        Optional<UserProfile> stored = store.find(name == null ? "" : name);
        if (stored.isEmpty()) {
            return false;
        }
        String hash = stored.get().passwordHash();
        return hash == null || hasher.verify(password == null ? new char[0] : password, hash);
    }

    /** Changes colour, admin flag and password hash of {@code profile.name()}. */
    public UserProfile update(String acting, UserProfile profile) {
        UserProfile actor = require(acting);
        UserProfile target = require(profile.name());
        if (!actor.admin() && !actor.name().equals(target.name())) {
            throw new NotFoundException("no profile named \"" + profile.name() + "\"");
        }
        if (profile.admin() != target.admin()) {
            requireAdmin(acting, "change admin rights");
            if (target.admin() && adminCount() == 1) {
                throw new IllegalStateException("\"" + target.name() + "\" is the last admin; make another admin first");
            }
        }
        String colour = profile.colour() == null || profile.colour().isBlank() ? target.colour() : profile.colour();
        String hash = UserProfile.HIDDEN.equals(profile.passwordHash())
                ? store.find(target.name()).map(UserProfile::passwordHash).orElse(null) : profile.passwordHash();
        return store.update(new UserProfile(target.name(), colour, profile.admin(), hash, null)).redacted();
    }

    /** Deletes a profile with its library, workflows and jobs (admin only; none of its workflows may be unfinished). */
    public void delete(String acting, String name) {
        requireAdmin(acting, "delete profiles");
        UserProfile target = require(name);
        if (target.admin() && adminCount() == 1) {
            throw new IllegalStateException("\"" + name + "\" is the last admin; make another admin first");
        }
        store.delete(name);
    }

    public SlideEntry addSlide(String acting, String path, String metadataJson) {
        require(acting);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("slide path is empty");
        }
        return store.addSlide(acting, path, metadataJson, clock.millis());
    }

    /** The acting user's library (an admin's own library too: libraries are personal). */
    public List<SlideEntry> slides(String acting) {
        require(acting);
        return store.slides(acting);
    }

    public void removeSlide(String acting, String slideId) {
        require(acting);
        if (!store.removeSlide(acting, slideId)) {
            throw new NotFoundException("no slide " + slideId + " in the library of " + acting);
        }
    }

    UserProfile require(String name) {
        return find(name == null ? "" : name).orElseThrow(() -> new NotFoundException("no profile named \"" + name + "\""));
    }

    void requireAdmin(String acting, String what) {
        if (!require(acting).admin()) {
            throw new SecurityException(acting + " is not an admin; only an admin can " + what);
        }
    }

    private long adminCount() {
        return list().stream().filter(UserProfile::admin).count();
    }
}
