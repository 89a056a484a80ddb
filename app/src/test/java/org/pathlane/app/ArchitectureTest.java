package org.pathlane.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, each with the reason it matters. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pathlane");
    }

    @Test
    void enginesRunWithoutJavaFx() {
        // The scheduler and the inference pipeline run headless: from the command line, in CI and on
        // a GPU server with no display. A JavaFX import there would tie them to the desktop.
        noClasses().that().resideInAnyPackage("org.pathlane.scheduler..", "org.pathlane.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void schedulerDoesNotKnowAboutSlides() {
        // Job types are plugged into the scheduler; it must not grow a dependency on one of them.
        noClasses().that().resideInAPackage("org.pathlane.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage("org.pathlane.inference..", "org.pathlane.viewer..", "org.pathlane.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void viewerDoesNotImportInference() {
        // The viewer is a reusable control: the app adapts a slide reader to its tile source.
        noClasses().that().resideInAPackage("org.pathlane.viewer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.pathlane.inference..", "org.pathlane.scheduler..", "org.pathlane.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void inferenceDoesNotDependOnOtherModules() {
        noClasses().that().resideInAPackage("org.pathlane.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("org.pathlane.scheduler..", "org.pathlane.viewer..", "org.pathlane.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void viewerPaintsWithoutAwtOrSwing() {
        // Painting happens on the FX thread; AWT/Swing there means copies and a second toolkit.
        noClasses().that().resideInAPackage("org.pathlane.viewer..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javafx.embed.swing..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        // Views are dumb, view-models are tested with plain JUnit: a view-model that builds nodes or knows
        // a view cannot be tested without a scene and hides logic where no unit test reaches it.
        noClasses().that().resideInAnyPackage("org.pathlane.app.editor..", "org.pathlane.app.profiles..",
                        "org.pathlane.app.dashboard..", "org.pathlane.app.slides..", "org.pathlane.app.results..",
                        "org.pathlane.app.settings..", "org.pathlane.app.live..", "org.pathlane.app.session..")
                .or().haveNameMatching("org\\.pathlane\\.app\\.viewer\\.ViewerScreenModel(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.pathlane.app.ui..")
                .check(classes);
    }

    @Test
    void theViewerControlNeverCallsIntoItsSkin() {
        // The control holds the state and the skin listens to it (the Control/Skin split of JavaFX's own
        // controls): a call into the skin puts state where a replaced or not yet created skin loses it.
        noClasses().that().haveNameMatching("org\\.pathlane\\.viewer\\.SlideViewer(\\$.*)?")
                .should().callMethodWhere(JavaCall.Predicates.target(With.owner(HasName.Predicates.name("org.pathlane.viewer.SlideViewerSkin"))))
                .orShould().accessFieldWhere(JavaFieldAccess.Predicates.target(With.owner(HasName.Predicates.name("org.pathlane.viewer.SlideViewerSkin"))))
                .check(classes);
    }
}
