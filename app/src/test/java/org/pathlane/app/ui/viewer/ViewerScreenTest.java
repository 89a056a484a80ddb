package org.pathlane.app.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.app.session.AppContext;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.Session;
import org.pathlane.app.session.TestEngines;
import org.pathlane.app.slides.SlideLibraryViewModel;
import org.pathlane.app.slides.Thumbnails;
import org.pathlane.app.ui.FxTestSupport;
import org.pathlane.inference.segment.TileCells;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The viewer screen in a real scene with a real engine: nuclei appear on the open slide while a job of that
 * slide emits them, the pixel-size warning shows, keys and layout work. What the screen says in each case is
 * {@code ViewerScreenModelTest}'s.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerScreenTest {

    static {
        FxTestSupport.useGlassRobot();
    }

    @TempDir
    static Path dir;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private final GateJob gate = new GateJob();
    private AppContext context;
    private Session session;
    private ViewerScreen screen;
    private LiveNuclei live;
    private Path slide;

    /** Emits two nuclei as one finished tile, then holds until the gate opens. */
    private final JobHandler emitter = new JobHandler() {
        @Override
        public String type() {
            return "emitter";
        }

        @Override
        public void run(JobContext job) throws Exception {
            job.emit(new TileCells(0, 0, List.of(square(100, 100), square(300, 200))));
            gate.hold();
        }
    };

    @Start
    void start(Stage stage) throws Exception {
        Path data = dir.resolve("data-" + System.nanoTime());
        context = TestEngines.context(data, new Limits(2, 2), List.of(emitter, new org.pathlane.jobs.SegmentJobHandler()),
                Platform::runLater);
        UserProfile ada = context.scheduler().profiles().create(null, new UserProfile("Ada", "#4477AA", true, null, null));
        session = new Session(context, ada, uri -> { });
        slide = data.resolve("tissue.png");
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "png", slide.toFile());
        SlideLibraryViewModel library = new SlideLibraryViewModel(context.scheduler().profiles(), "Ada",
                new Thumbnails(data.resolve("thumbs")), context.executors());
        live = new LiveNuclei(context.scheduler(), "Ada");
        screen = new ViewerScreen(session, library, live);
        stage.setScene(new Scene(screen, 900, 600));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        gate.open();
        WaitForAsyncUtils.asyncFx(screen::close).get();
        live.close();
        context.close();
    }

    @Test
    void nucleiOfARunningJobOnThisSlideAppearLive(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> screen.open(slide.toString(), null)).get();
        waitForStatus(robot, "tissue.png · image");
        WorkflowSpec spec = new WorkflowSpec("live", List.of(new JobSpec("j1", "A", "emitter", Map.of("slide", slide.toString()), List.of())));
        context.scheduler().submit("Ada", spec);
        waitForStatus(robot, "2 nuclei live from job j1");
    }

    @Test
    void aRetriedJobShowsItsNucleiLiveThoughThisScreenNeverSubmittedIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> screen.open(slide.toString(), null)).get();
        waitForStatus(robot, "tissue.png · image");
        WorkflowSpec spec = new WorkflowSpec("live", List.of(new JobSpec("j1", "A", "emitter", Map.of("slide", slide.toString()), List.of())));
        // Submitted and retried straight through the engine, as a job resumed after a restart or retried
        // from another session is: only the engine knows its slide.
        String first = context.scheduler().submit("Ada", spec);
        waitForStatus(robot, "2 nuclei live from job j1");
        context.scheduler().cancelWorkflow("Ada", first);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> context.scheduler().workflow("Ada", first).jobs().getFirst()
                .status() == JobStatus.CANCELLED);
        WaitForAsyncUtils.asyncFx(() -> screen.open(slide.toString(), null)).get();
        waitForStatus(robot, "tissue.png · image");

        context.scheduler().retry("Ada", first);
        waitForStatus(robot, "2 nuclei live from job j1");
    }

    @Test
    void aRealSegmentationOfASmallRegionDrawsItsNucleiLive(FxRobot robot) throws Exception {
        Path svs = Path.of(System.getProperty("pathlane.shared.dir", "../shared"), "slides", "CMU-1-Small-Region.svs");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(svs), "shared slides not found at " + svs);
        String path = svs.toAbsolutePath().normalize().toString();
        WaitForAsyncUtils.asyncFx(() -> screen.open(path, null)).get();
        waitForStatus(robot, "CMU-1-Small-Region.svs · aperio");
        WorkflowSpec spec = new WorkflowSpec("real", List.of(new JobSpec("j1", "A", "segment",
                Map.of("slide", path, "region", "600,900,1024,1024", "noTissue", true), List.of())));
        context.scheduler().submit("Ada", spec);
        waitForStatus(robot, "nuclei live from job j1");
        waitForStatus(robot, "nuclei from cells.geojson");
    }

    @Test
    void openingASlideHalfwayThroughAJobShowsTheTilesAlreadyDone(FxRobot robot) throws Exception {
        java.util.concurrent.CountDownLatch collected = new java.util.concurrent.CountDownLatch(1);
        live.watch(new LiveNuclei.Watcher() {
            @Override
            public void nuclei(String workflowId, String jobId, String slidePath, List<org.pathlane.viewer.overlay.OverlayShape> shapes) {
                collected.countDown();
            }

            @Override
            public void ended(String workflowId, String jobId, String slidePath, boolean succeeded, Path resultDir) {
            }
        });
        WorkflowSpec spec = new WorkflowSpec("live", List.of(new JobSpec("j1", "A", "emitter", Map.of("slide", slide.toString()), List.of())));
        context.scheduler().submit("Ada", spec);
        assertThat(collected.await(20, TimeUnit.SECONDS)).as("the tile reached the collector").isTrue();
        WaitForAsyncUtils.asyncFx(() -> screen.open(slide.toString(), null)).get();
        waitForStatus(robot, "tissue.png · image");
        assertThat(live.collected(slide.toString())).hasSize(2);
    }

    @Test
    void aSlideWithoutAPixelSizeSaysSoAndWhatIsAssumed(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> screen.open(slide.toString(), null)).get();
        waitForStatus(robot, "tissue.png · image");
        javafx.scene.control.Label note = robot.lookup("#viewer-pixel-size").queryAs(javafx.scene.control.Label.class);
        assertThat(WaitForAsyncUtils.asyncFx(note::isVisible).get()).isTrue();
        assertThat(note.getText()).contains("No pixel size").contains("0.5 µm/px").contains("scale bar");
    }

    @Test
    void zeroFitsTheSlideWithoutAClickInTheViewerFirst(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> screen.open(slide.toString(), null)).get();
        waitForStatus(robot, "tissue.png · image");
        org.pathlane.viewer.SlideViewer viewer = robot.lookup("#slide-viewer").queryAs(org.pathlane.viewer.SlideViewer.class);
        double fitZoom = WaitForAsyncUtils.asyncFx(() -> {
            viewer.fit();
            return viewer.getZoom();
        }).get();
        // The user pressed Fit's neighbour or tabbed to a button: the keyboard is not in the viewer.
        WaitForAsyncUtils.asyncFx(() -> {
            viewer.setZoom(fitZoom * 4);
            robot.lookup("#load-overlay").query().requestFocus();
        }).get();
        robot.type(javafx.scene.input.KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        // Read in one FX runnable: a layout pass between two reads may resize the viewer (the pixel-size line).
        double[] afterKeyAndFitted = WaitForAsyncUtils.asyncFx(() -> {
            double afterKey = viewer.getZoom();
            viewer.fit();
            return new double[] {afterKey, viewer.getZoom()};
        }).get();
        double afterKey = afterKeyAndFitted[0];
        double fitted = afterKeyAndFitted[1];
        assertThat(afterKey).as("0 showed the whole slide").isCloseTo(fitted, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLongSlideNameAndStatusLeaveTheViewerButtonsWhole(FxRobot robot) throws Exception {
        Path longName = dir.resolve("a-very-long-slide-name-from-the-scanner-" + "with-case-and-block-and-stain-".repeat(4) + ".png");
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", longName.toFile());
        WaitForAsyncUtils.asyncFx(() -> screen.open(longName.toString(), null)).get();
        waitForStatus(robot, "· image");
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#viewer-fit", "#load-overlay")) {
            javafx.scene.control.Button button = robot.lookup(id).queryAs(javafx.scene.control.Button.class);
            assertThat(WaitForAsyncUtils.asyncFx(() -> button.getWidth() >= button.prefWidth(-1) - 0.5).get())
                    .as(id + " keeps its whole label").isTrue();
        }
        Labeled status = robot.lookup("#viewer-status").query();
        assertThat(WaitForAsyncUtils.asyncFx(() -> status.getLayoutBounds().getHeight() > 0 && status.isWrapText()).get()).isTrue();
    }

    private static Nucleus square(double x, double y) {
        var polygon = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + 12, y),
                new Coordinate(x + 12, y + 12), new Coordinate(x, y + 12), new Coordinate(x, y)});
        return new Nucleus(polygon, x + 6, y + 6, 144, 48, 0.3, 0, 0);
    }

    private static void waitForStatus(FxRobot robot, String expected) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup("#viewer-status").<Labeled>query().getText().contains(expected)).get());
    }
}
