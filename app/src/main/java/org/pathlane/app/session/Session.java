package org.pathlane.app.session;

import java.util.function.Consumer;
import org.pathlane.scheduler.model.UserProfile;

/**
 * One signed-in profile on top of the app's context. Every engine call of the screens names this user; the
 * engine decides what the user may see.
 *
 * @param hostOpen opens a URI with the desktop (a folder in the file manager)
 */
public record Session(AppContext context, UserProfile user, Consumer<String> hostOpen) {

    public String userName() {
        return user.name();
    }

    public boolean admin() {
        return user.admin();
    }

    /** This profile's own folders, where its file dialogs start. */
    public ProfileFolders folders() {
        return ProfileFolders.of(context.dataDir(), user.name());
    }
}
