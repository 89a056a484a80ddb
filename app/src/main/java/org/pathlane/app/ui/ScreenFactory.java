package org.pathlane.app.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.JobCatalog;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.app.results.ResultsViewModel;
import org.pathlane.app.session.Session;
import org.pathlane.app.settings.SettingsViewModel;
import org.pathlane.app.slides.SlideHealth;
import org.pathlane.app.slides.SlideItem;
import org.pathlane.app.slides.SlideLibraryViewModel;
import org.pathlane.app.slides.Thumbnails;
import org.pathlane.app.ui.dashboard.DashboardView;
import org.pathlane.app.ui.editor.WorkflowEditorView;
import org.pathlane.app.ui.results.ResultsView;
import org.pathlane.app.ui.settings.SettingsView;
import org.pathlane.app.ui.slides.SlidesView;
import org.pathlane.app.ui.viewer.ViewerScreen;

/** Builds the session's view-models once and each screen on first visit. */
final class ScreenFactory {

    private final Session session;
    private final Navigator navigator;
    private final DashboardViewModel dashboard;
    private final SlideLibraryViewModel library;
    private final EditorViewModel editor;
    private final LiveNuclei live;
    private final SlideHealth slideHealth;
    private ViewerScreen viewer;
    private ResultsView results;

    ScreenFactory(Session session, Navigator navigator) {
        this.session = session;
        this.navigator = navigator;
        var context = session.context();
        JobCatalog catalog = context.catalog().withDefaults("segment", context.settings().segmentDefaults());
        try {
            catalog = catalog.withExportsInto(session.folders().exports());
        } catch (java.io.UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(ScreenFactory.class).warn("New export jobs get no default folder: {}", e.getMessage());
        }
        this.dashboard = new DashboardViewModel(context.scheduler(), session.userName(), catalog::label, context.executors());
        this.library = new SlideLibraryViewModel(context.scheduler().profiles(), session.userName(),
                new Thumbnails(context.dataDir().resolve("thumbnails")), context.executors());
        this.slideHealth = new SlideHealth(org.pathlane.inference.slide.Slides::open, context.executors());
        this.editor = new EditorViewModel(catalog, slideHealth::isReadable,
                spec -> context.scheduler().submit(session.userName(), spec), context.executors());
        slideHealth.onChange(editor::revalidate);
        editor.setSlideNotes(path -> library.items().stream()
                .filter(i -> i.path().equals(path) && i.facts() != null)
                .findFirst().flatMap(i -> i.facts().pixelSizeWarning()));
        library.items().addListener((ListChangeListener<SlideItem>) c -> {
            editor.slideChoices().setAll(library.slidePaths());
            editor.revalidate();
        });
        library.load();
        copySharedTemplates();
        this.live = new LiveNuclei(context.scheduler(), session.userName());
    }

    /** The profile's own templates folder (where the editor's dialogs start), or the data folder when it cannot be made. */
    private java.nio.file.Path templatesDir() {
        try {
            return session.folders().templates();
        } catch (java.io.UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(ScreenFactory.class).warn("No templates folder for {}: {}", session.userName(), e.getMessage());
            return session.context().dataDir();
        }
    }

    /** Once per profile: copies of the templates all profiles used to share that this profile can use. */
    private void copySharedTemplates() {
        var context = session.context();
        context.executors().background().execute(() -> {
            try {
                java.util.Set<String> own = new java.util.HashSet<>();
                context.scheduler().profiles().slides(session.userName()).forEach(e -> own.add(e.path()));
                var copied = org.pathlane.app.editor.TemplateMigration.copyUsable(context.sharedTemplatesDir(),
                        session.folders().templates(), own);
                if (!copied.isEmpty()) {
                    org.slf4j.LoggerFactory.getLogger(ScreenFactory.class).info("Copied shared templates {} into {}'s own",
                            copied, session.userName());
                }
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ScreenFactory.class).warn("Could not copy the shared templates for {}: {}",
                        session.userName(), e.toString());
            }
        });
    }

    Node make(MainWindow.Screen screen) {
        var context = session.context();
        return switch (screen) {
            case DASHBOARD -> new DashboardView(dashboard, navigator, session.admin());
            case EDITOR -> new WorkflowEditorView(editor, templatesDir());
            case SLIDES -> new SlidesView(library, navigator);
            case VIEWER -> viewer();
            case RESULTS -> results();
            case SETTINGS -> new SettingsView(new SettingsViewModel(session, context.executors()));
        };
    }

    ViewerScreen viewer() {
        if (viewer == null) {
            viewer = new ViewerScreen(session, library, live);
        }
        return viewer;
    }

    ResultsView results() {
        if (results == null) {
            results = new ResultsView(new ResultsViewModel(dashboard, session.context().executors()), navigator, session.folders());
        }
        return results;
    }

    EditorViewModel editor() {
        return editor;
    }

    SlideLibraryViewModel library() {
        return library;
    }

    void close() {
        dashboard.close();
        live.close();
        if (viewer != null) {
            viewer.close();
        }
    }
}
