package org.pathlane.app.settings;

import java.io.IOException;
import org.pathlane.app.session.LabConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.DataDir;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.scheduler.engine.PasswordHasher;
import org.pathlane.app.session.AppSettings;
import org.pathlane.app.session.Session;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;

/**
 * Settings: this workstation's data folder, inference device, tile and batch for new segmentation jobs;
 * for an admin also the scheduler's limits and the other profiles.
 */
public final class SettingsViewModel {

    private static volatile String detectedDevice;

    private final Session session;
    private final UiExecutors executors;
    private final AppSettings settings;
    private final ReadOnlyStringWrapper detected = new ReadOnlyStringWrapper("Detecting the inference device…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper limitsText = new ReadOnlyStringWrapper("");
    private final ObservableList<UserProfile> profiles = FXCollections.observableArrayList();

    public SettingsViewModel(Session session, UiExecutors executors) {
        this(session, executors, DeviceProbe::describe);
    }

    /** @param probe describes the inference device (slow the first time); asked once per process */
    SettingsViewModel(Session session, UiExecutors executors, java.util.function.Supplier<String> probe) {
        this.session = session;
        this.executors = executors;
        this.settings = session.context().settings();
        if (!settings.loadProblem().isEmpty()) {
            message.set(settings.loadProblem());
        }
        executors.background().execute(() -> {
            if (detectedDevice == null) {
                detectedDevice = probe.get();
            }
            String text = detectedDevice;
            executors.fx().execute(() -> detected.set(text));
        });
        refreshAdmin();
    }

    public boolean admin() {
        return session.admin();
    }

    public Path dataDir() {
        return session.context().dataDir();
    }

    public AppSettings settings() {
        return settings;
    }

    public ReadOnlyStringProperty detectedDeviceProperty() {
        return detected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty limitsTextProperty() {
        return limitsText.getReadOnlyProperty();
    }

    public ObservableList<UserProfile> profiles() {
        return profiles;
    }

    /**
     * Whether this user may move the workstation's data folder: it holds every profile's database and
     * results, so only an admin may.
     */
    public boolean canChangeDataDir() {
        return admin();
    }

    /** Remembers another data folder for the next start (an explicit --data-dir or PATHLANE_HOME still wins). */
    public void chooseDataDir(Path folder) {
        if (!canChangeDataDir()) {
            message.set("Only an admin can change this workstation's data folder: it holds every profile's work.");
            return;
        }
        Preferences.userNodeForPackage(DataDir.class).put(DataDir.PREFERENCE, folder.toAbsolutePath().toString());
        message.set("PathLane will use " + folder + " from its next start. Restart to switch.");
    }

    /** Stores device, tile and batch; refused values are reported and nothing is saved. */
    public void save(String device, String tile, String batch) {
        try {
            settings.setDevice(device);
            settings.setTile(Long.parseLong(tile.strip()));
            settings.setBatch(Long.parseLong(batch.strip()));
        } catch (NumberFormatException e) {
            message.set("Tile and batch must be whole numbers.");
            return;
        } catch (IllegalArgumentException e) {
            message.set("Not saved: " + e.getMessage() + ".");
            return;
        }
        executors.background().execute(() -> {
            String text;
            try {
                settings.save();
                text = "Saved. New segmentation jobs start with device " + settings.device() + ", tile "
                        + settings.tile() + ", batch " + settings.batch() + " (after you switch profile or restart).";
            } catch (IOException e) {
                text = "Could not save the settings in " + dataDir() + ": " + e.getMessage();
            }
            String shown = text;
            executors.fx().execute(() -> message.set(shown));
        });
    }

    /** What this desktop works on from its next start, for the Settings page. */
    public String labText() {
        return settings.lab().map(l -> "From its next start this desktop joins the lab database " + l.describe() + ".")
                .orElse("This desktop uses its own database in " + dataDir() + ".");
    }

    /**
     * Joins a lab's PostgreSQL from the next start (admins only: every profile's work moves with it). The address
     * and credentials are checked now, so a typo is seen here rather than at the next start; nothing is saved when
     * they are refused. The password itself is never stored: it stays in the credentials file or the environment.
     *
     * @param credentials a file with lines user= and password=, or blank for PATHLANE_DB_USER/PATHLANE_DB_PASSWORD
     */
    public void saveLab(String db, String credentials, String results, String workers, java.util.Map<String, String> env) {
        if (!admin()) {
            message.set("Only an admin can move this workstation onto a lab database: it holds every profile's work.");
            return;
        }
        LabConnection lab;
        try {
            lab = new LabConnection(db, credentials == null || credentials.isBlank() ? null : Path.of(credentials.strip()),
                    results == null || results.isBlank() ? null : Path.of(results.strip()),
                    Integer.parseInt(workers.strip()));
            lab.database(env);
        } catch (NumberFormatException e) {
            message.set("Not saved: workers must be a whole number.");
            return;
        } catch (IllegalArgumentException e) {
            message.set("Not saved: " + e.getMessage() + ".");
            return;
        }
        settings.setLab(lab);
        saveThen("PathLane joins the lab database " + lab.describe() + " from its next start. Restart to switch.");
    }

    /** Back to this workstation's own database from the next start. */
    public void leaveLab() {
        if (!admin()) {
            message.set("Only an admin can change which database this workstation uses.");
            return;
        }
        settings.setLab(null);
        saveThen("PathLane uses this workstation's own database in " + dataDir() + " from its next start.");
    }

    private void saveThen(String done) {
        executors.background().execute(() -> {
            String text;
            try {
                settings.save();
                text = done;
            } catch (IOException e) {
                text = "Could not save the settings in " + dataDir() + ": " + e.getMessage();
            }
            String shown = text;
            executors.fx().execute(() -> message.set(shown));
        });
    }

    public void saveTheme(boolean dark) {
        settings.setDark(dark);
        executors.background().execute(() -> {
            try {
                settings.save();
            } catch (IOException e) {
                executors.fx().execute(() -> message.set("Could not save the theme: " + e.getMessage()));
            }
        });
    }

    /** Admin: new limits, in force at once. */
    public void saveLimits(String maxWorkers, String maxActiveUsers) {
        Limits limits;
        try {
            limits = new Limits(Integer.parseInt(maxWorkers.strip()), Integer.parseInt(maxActiveUsers.strip()));
        } catch (NumberFormatException e) {
            message.set("Workers and active users must be whole numbers.");
            return;
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage() + ".");
            return;
        }
        adminAction(() -> session.context().scheduler().setLimits(session.userName(), limits),
                "Limits saved: " + count(limits.maxWorkers(), "worker") + ", " + count(limits.maxActiveUsers(), "active user") + ".");
    }

    public void setAdmin(UserProfile profile, boolean admin) {
        adminAction(() -> session.context().scheduler().profiles().update(session.userName(),
                new UserProfile(profile.name(), profile.colour(), admin, profile.passwordHash(), null)),
                profile.name() + (admin ? " is now an admin." : " is no longer an admin."));
    }

    /** Admin: clears a profile's password (the user signs in without one and may set a new one). */
    public void resetPassword(UserProfile profile) {
        adminAction(() -> session.context().scheduler().profiles().update(session.userName(),
                new UserProfile(profile.name(), profile.colour(), profile.admin(), null, null)),
                profile.name() + " now signs in without a password.");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Sets or clears the signed-in user's own password: only with the current one (any text when the profile
     * has none) and the new one typed twice alike. Every array is wiped afterwards.
     */
    public void setOwnPassword(char[] current, char[] password, char[] repeat) {
        UserProfile me = session.user();
        if (!java.util.Arrays.equals(password, repeat)) {
            wipe(current, password, repeat);
            message.set("The new password and its repeat differ: password not changed. Type the same one twice.");
            return;
        }
        executors.background().execute(() -> {
            String text;
            try {
                if (!session.context().scheduler().profiles().verifyPassword(me.name(), current)) {
                    text = "Your current password is not right: password not changed.";
                    String shown = text;
                    executors.fx().execute(() -> message.set(shown));
                    return;
                }
                String hash = password.length == 0 ? null : new PasswordHasher().hash(password);
                session.context().scheduler().profiles().update(me.name(),
                        new UserProfile(me.name(), me.colour(), me.admin(), hash, null));
                text = hash == null ? "Your profile has no password now." : "Your password is set.";
            } catch (RuntimeException e) {
                text = "Password not changed: " + e.getMessage();
            } finally {
                wipe(current, password, repeat);
            }
            String shown = text;
            executors.fx().execute(() -> message.set(shown));
        });
    }

    private static void wipe(char[]... secrets) {
        for (char[] secret : secrets) {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    public void delete(UserProfile profile) {
        adminAction(() -> session.context().scheduler().profiles().delete(session.userName(), profile.name()),
                "Deleted profile " + profile.name() + " with its library and workflows.");
    }

    private void adminAction(Runnable action, String done) {
        executors.background().execute(() -> {
            String text;
            try {
                action.run();
                text = done;
            } catch (RuntimeException e) {
                text = "Not done: " + e.getMessage();
            }
            String shown = text;
            executors.fx().execute(() -> message.set(shown));
            refreshAdmin();
        });
    }

    private void refreshAdmin() {
        if (!admin()) {
            return;
        }
        executors.background().execute(() -> {
            try {
                var all = session.context().scheduler().profiles().list();
                Limits limits = session.context().scheduler().limits();
                List<String> warnings = session.context().scheduler().warnings();
                executors.fx().execute(() -> {
                    profiles.setAll(all);
                    limitsText.set(limits.maxWorkers() + "," + limits.maxActiveUsers());
                    if (!warnings.isEmpty() && message.get().isEmpty()) {
                        // e.g. saved limits that could not be read: the defaults are in force until saved again here
                        message.set(String.join(" ", warnings));
                    }
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> message.set("Could not read profiles and limits: " + e.getMessage()));
            }
        });
    }
}
