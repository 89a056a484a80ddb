package org.pathlane.scheduler.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.StatelessSession;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.NotFoundException;
import org.pathlane.scheduler.model.SlideEntry;
import org.pathlane.scheduler.model.UserProfile;

/** Profiles, the per-user slide library and persisted settings. Permission checks are the caller's. */
public final class ProfileStore {

    private final Database database;

    public ProfileStore(Database database) {
        this.database = database;
    }

    public Optional<UserProfile> find(String name) {
        return database.inTransaction(s -> Optional.ofNullable(s.get(UserRecord.class, name)).map(ProfileStore::view));
    }

    public List<UserProfile> list() {
        return database.inTransaction(s -> s.createSelectionQuery("from UserRecord order by name", UserRecord.class)
                .list().stream().map(ProfileStore::view).toList());
    }

    public boolean anyAdmin() {
        return database.inTransaction(s -> s.createSelectionQuery("select count(*) from UserRecord where admin = true",
                Long.class).getSingleResult() > 0);
    }

    /** @throws IllegalArgumentException if the name is taken */
    public UserProfile create(UserProfile profile, long now) {
        return database.inTransaction(s -> {
            if (s.get(UserRecord.class, profile.name()) != null) {
                throw new IllegalArgumentException("a profile named \"" + profile.name() + "\" already exists; choose another name");
            }
            UserRecord r = new UserRecord();
            r.name = profile.name();
            r.colour = profile.colour();
            r.admin = profile.admin();
            r.passwordHash = profile.passwordHash();
            r.createdAt = now;
            s.insert(r);
            return view(r);
        });
    }

    public UserProfile update(UserProfile profile) {
        return database.inTransaction(s -> {
            int rows = s.createMutationQuery("update UserRecord set colour = :c, admin = :a, passwordHash = :p where name = :n")
                    .setParameter("c", profile.colour()).setParameter("a", profile.admin())
                    .setParameter("p", profile.passwordHash()).setParameter("n", profile.name()).executeUpdate();
            if (rows != 1) {
                throw new NotFoundException("no profile named \"" + profile.name() + "\"");
            }
            return view(s.get(UserRecord.class, profile.name()));
        });
    }

    /**
     * Deletes the profile with its slides, workflows and jobs.
     *
     * @throws IllegalStateException if the user still has unfinished workflows
     */
    public void delete(String name) {
        database.inTransaction(s -> {
            long unfinished = s.createSelectionQuery(
                    "select count(*) from WorkflowRecord where user = :u and status in ('WAITING', 'RUNNING')", Long.class)
                    .setParameter("u", name).getSingleResult();
            if (unfinished > 0) {
                throw new IllegalStateException("profile \"" + name + "\" has " + unfinished
                        + " unfinished workflow(s); cancel them first, then delete the profile");
            }
            s.createMutationQuery("delete from JobRecord where workflowId in (select id from WorkflowRecord where user = :u)")
                    .setParameter("u", name).executeUpdate();
            s.createMutationQuery("delete from WorkflowRecord where user = :u").setParameter("u", name).executeUpdate();
            s.createMutationQuery("delete from SlideRecord where user = :u").setParameter("u", name).executeUpdate();
            if (s.createMutationQuery("delete from UserRecord where name = :u").setParameter("u", name).executeUpdate() != 1) {
                throw new NotFoundException("no profile named \"" + name + "\"");
            }
            return null;
        });
    }

    public SlideEntry addSlide(String user, String path, String metadataJson, long now) {
        return database.inTransaction(s -> {
            SlideRecord r = new SlideRecord();
            r.id = Ids.next();
            r.user = user;
            r.path = path;
            r.addedAt = now;
            r.metadata = metadataJson;
            s.insert(r);
            return slide(r);
        });
    }

    public List<SlideEntry> slides(String user) {
        return database.inTransaction(s -> s.createSelectionQuery(
                "from SlideRecord where user = :u order by addedAt, id", SlideRecord.class)
                .setParameter("u", user).list().stream().map(ProfileStore::slide).toList());
    }

    /** @return false if the user has no such slide */
    public boolean removeSlide(String user, String slideId) {
        return database.inTransaction(s -> s.createMutationQuery("delete from SlideRecord where id = :id and user = :u")
                .setParameter("id", slideId).setParameter("u", user).executeUpdate() == 1);
    }

    /**
     * The saved limits, or empty if none were saved. Limits that cannot be read (a hand-edited
     * {@code maxWorkers='lots'}) are not a reason to refuse to start: {@code warning} gets one line naming the
     * database, the setting and the fix, and the result is empty, so the defaults apply until an admin saves
     * limits again in the settings.
     */
    public Optional<Limits> limits(java.util.function.Consumer<String> warning) {
        return database.inTransaction(s -> {
            SettingRecord workers = s.get(SettingRecord.class, "maxWorkers");
            SettingRecord users = s.get(SettingRecord.class, "maxActiveUsers");
            if (workers == null || users == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Limits(Integer.parseInt(workers.value.strip()), Integer.parseInt(users.value.strip())));
            } catch (IllegalArgumentException e) {
                warning.accept("The saved limits in " + database.description() + " cannot be read (pl_setting "
                        + "maxWorkers='" + workers.value + "', maxActiveUsers='" + users.value + "': "
                        + e.getMessage() + "); the defaults are in force until an admin saves limits again in Settings");
                return Optional.empty();
            }
        });
    }

    public void saveLimits(Limits limits) {
        database.inTransaction(s -> {
            save(s, "maxWorkers", Integer.toString(limits.maxWorkers()));
            save(s, "maxActiveUsers", Integer.toString(limits.maxActiveUsers()));
            return null;
        });
    }

    private static void save(StatelessSession s, String name, String value) {
        SettingRecord r = new SettingRecord();
        r.name = name;
        r.value = value;
        s.upsert(r);
    }

    private static UserProfile view(UserRecord r) {
        return new UserProfile(r.name, r.colour, r.admin, r.passwordHash, Instant.ofEpochMilli(r.createdAt));
    }

    private static SlideEntry slide(SlideRecord r) {
        return new SlideEntry(r.id, r.user, r.path, Instant.ofEpochMilli(r.addedAt), r.metadata);
    }
}
