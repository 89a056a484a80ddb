package org.pathlane.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.dashboard.JobRow;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.app.session.GateJob;
import org.pathlane.app.session.TestEngines;
import org.pathlane.inference.segment.TileCells;
import org.pathlane.inference.slide.UnreadableSlideException;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.viewer.tile.TileKey;
import org.pathlane.viewer.tile.TilePixels;
import org.pathlane.viewer.tile.TileSource;

/** The viewer screen's state, without JavaFX threads: background work runs when the test says so. */
class ViewerScreenModelTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** Runs what it is given only when the test asks, in order. */
    private static final class StepExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
            notifyAll();
        }

        void runNext() {
            Runnable next;
            synchronized (this) {
                next = tasks.remove();
            }
            next.run();
        }

        /** Runs the next task, waiting for one to be handed over (from another thread). */
        void runNextWhenGiven() throws InterruptedException {
            Runnable next;
            synchronized (this) {
                while (tasks.isEmpty()) {
                    wait();
                }
                next = tasks.remove();
            }
            next.run();
        }

        void runAll() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                }
                if (next == null) {
                    return;
                }
                next.run();
            }
        }
    }

    @TempDir
    Path dir;
    private final GateJob gate = new GateJob();
    private final StepExecutor background = new StepExecutor();
    private final Map<Path, FakeSlide> slides = new HashMap<>();
    private Scheduler scheduler;
    private LiveNuclei live;
    private ViewerScreenModel model;

    @BeforeEach
    void setUp() {
        scheduler = TestEngines.scheduler(dir, new Limits(4, 1), gate);
        scheduler.profiles().create(null, new UserProfile("ada", "#4477AA", true, null, null));
        live = new LiveNuclei(scheduler, "ada");
        model = new ViewerScreenModel(new UiExecutors(background, Runnable::run), live, file -> {
            FakeSlide slide = slides.get(file);
            if (slide == null) {
                throw new UnreadableSlideException(file, "is empty (0 bytes); copy the slide again");
            }
            return slide;
        });
    }

    @AfterEach
    void tearDown() {
        model.close();
        background.runAll();
        gate.open();
        live.close();
        scheduler.close();
    }

    private FakeSlide slide(String name, OptionalDouble mpp) {
        FakeSlide slide = new FakeSlide(dir.resolve(name), mpp);
        slides.put(slide.path(), slide);
        return slide;
    }

    @Test
    void aSlideSaysItIsOpeningThenShowsItsNameAndVendor() {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        model.open(a.path().toString(), null);
        assertThat(model.statusProperty().get()).isEqualTo("Opening a.svs …");
        assertThat(model.tileSourceProperty().get()).isNull();

        background.runAll();
        assertThat(model.statusProperty().get()).isEqualTo("a.svs · fake");
        assertThat(model.tileSourceProperty().get().id()).isEqualTo(a.id());
        assertThat(model.tileSourceProperty().get().micronsPerPixel()).hasValue(0.25);
        assertThat(model.pixelSizeWarningProperty().get()).isEmpty();
        assertThat(a.closes()).isZero();
    }

    @Test
    void aSlideWithoutAPixelSizeSaysSoAndWhatIsAssumed() {
        FakeSlide a = slide("a.svs", OptionalDouble.empty());
        model.open(a.path().toString(), null);
        background.runAll();
        assertThat(model.pixelSizeWarningProperty().get()).contains("No pixel size").contains("0.5 µm/px").contains("scale bar");
    }

    @Test
    void aSlideOpenedWhileAnOlderOneIsStillOpeningWinsAndTheOlderIsClosedUnseen() {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        FakeSlide b = slide("b.svs", OptionalDouble.of(0.25));
        model.open(a.path().toString(), null);
        model.open(b.path().toString(), null);

        background.runNext();
        assertThat(model.tileSourceProperty().get()).as("a, opened too late, is never shown").isNull();
        assertThat(model.statusProperty().get()).isEqualTo("Opening b.svs …");

        background.runAll();
        assertThat(model.tileSourceProperty().get().id()).isEqualTo(b.id());
        assertThat(model.statusProperty().get()).isEqualTo("b.svs · fake");
        assertThat(model.openSlideProperty().get()).isEqualTo(b.path().toString());
        assertThat(a.closes()).as("a is closed, once").isEqualTo(1);
        assertThat(b.closes()).isZero();
    }

    @Test
    void anOlderOpenFailingLateDoesNotOverwriteTheNewerSlidesStatus() {
        FakeSlide b = slide("b.svs", OptionalDouble.of(0.25));
        model.open(dir.resolve("missing.svs").toString(), null);
        model.open(b.path().toString(), null);
        background.runAll();
        assertThat(model.statusProperty().get()).isEqualTo("b.svs · fake");
    }

    @Test
    void aSlideThatCannotBeOpenedGivesOneLineNamingTheFileAndWhatToDo() {
        FakeSlide a = slide("a.svs", OptionalDouble.empty());
        model.open(a.path().toString(), null);
        background.runAll();

        model.open(dir.resolve("empty.svs").toString(), null);
        background.runAll();
        assertThat(model.statusProperty().get())
                .isEqualTo("Could not open empty.svs: is empty (0 bytes); copy the slide again. Pick another slide.");
        assertThat(model.tileSourceProperty().get()).as("a is not shown under empty.svs's name").isNull();
        assertThat(model.pixelSizeWarningProperty().get()).as("a's warning went with it").isEmpty();
        assertThat(a.closes()).isEqualTo(1);
    }

    @Test
    void aFinishedJobsGeoJsonLoadsAsTheOverlayWithItsCount() throws Exception {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        Path result = Files.createDirectories(dir.resolve("result"));
        Files.writeString(result.resolve("cells.geojson"), """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[10,10],[20,10],[20,20],[10,20],[10,10]]]},"properties":{}},
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[50,50],[60,50],[60,60],[50,50]]]},"properties":{}},
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[70,70],[80,70],[80,80],[70,70]]]},"properties":{}}]}
                """);
        model.open(a.path().toString(), job(result, a.path().toString(), JobStatus.SUCCEEDED));
        background.runAll();
        assertThat(model.overlayProperty().get()).isEqualTo(new ViewerScreenModel.Overlay(3, "from cells.geojson"));
        assertThat(model.statusProperty().get()).isEqualTo("a.svs · fake · 3 nuclei from cells.geojson");
        assertThat(model.overlayFolder(() -> dir)).as("the overlay dialog opens in the job's results").isEqualTo(result);
    }

    @Test
    void aDamagedGeoJsonSaysWhichFileAndWhatToDo() throws Exception {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        Path broken = Files.writeString(dir.resolve("broken.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[10,");
        model.open(a.path().toString(), null);
        background.runAll();
        model.overlayChosen(broken);
        background.runAll();
        assertThat(model.statusProperty().get()).startsWith("a.svs · fake · Overlay broken.geojson not loaded: ")
                .endsWith("Choose another GeoJSON file.");
        assertThat(model.overlayProperty().get()).isNull();
        assertThat(model.overlayFolder(() -> Path.of("/nowhere"))).as("the next dialog opens where this file was").isEqualTo(dir);
    }

    @Test
    void aGeoJsonWithoutNucleiSaysSo() throws Exception {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        Path empty = Files.writeString(dir.resolve("none.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        model.open(a.path().toString(), null);
        background.runAll();
        model.overlayChosen(empty);
        background.runAll();
        assertThat(model.statusProperty().get()).isEqualTo("a.svs · fake · 0 nuclei from none.geojson");
    }

    @Test
    void anOverlayStillLoadingForTheSlideBeforeDoesNotCountOnTheNextOne() throws Exception {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        FakeSlide b = slide("b.svs", OptionalDouble.of(0.25));
        Path cells = Files.writeString(dir.resolve("cells.geojson"), """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[10,10],[20,10],[20,20],[10,20],[10,10]]]},"properties":{}}]}
                """);
        model.open(a.path().toString(), null);
        background.runAll();
        model.overlayChosen(cells);
        model.open(b.path().toString(), null);
        background.runAll();
        assertThat(model.overlayProperty().get()).as("a's overlay, read after b was asked for, is not b's").isNull();
        assertThat(model.statusProperty().get()).isEqualTo("b.svs · fake");
    }

    @Test
    void aResultWithoutItsSlideAsksTheUserToPickTheSlide() {
        model.open(null, job(dir, null, JobStatus.SUCCEEDED));
        assertThat(model.statusProperty().get()).isEqualTo(ViewerScreenModel.NO_SLIDE_FOR_RESULT).contains("pick the slide");
    }

    @Test
    void liveNucleiOfTheOpenSlideAddToTheCountAndThoseOfAnotherSlideDoNot() {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        String other = dir.resolve("other.svs").toString();
        String onA = scheduler.submit("ada", new WorkflowSpec("on a", List.of(gateJob(a.path().toString()))));
        String onOther = scheduler.submit("ada", new WorkflowSpec("on other", List.of(gateJob(other))));
        model.open(a.path().toString(), job(null, a.path().toString(), JobStatus.RUNNING));
        background.runAll();

        live.onEmit("ada", onA, "j1", new TileCells(0, 0, List.of(square(0, 0), square(40, 40))));
        assertThat(model.overlayProperty().get()).isEqualTo(new ViewerScreenModel.Overlay(2, "live from job j1"));
        assertThat(model.statusProperty().get()).isEqualTo("a.svs · fake · 2 nuclei live from job j1");

        live.onEmit("ada", onOther, "j1", new TileCells(0, 0, List.of(square(0, 0), square(40, 40), square(80, 80))));
        live.onEmit("ada", onA, "j1", new TileCells(1, 0, List.of(square(300, 0))));
        assertThat(model.overlayProperty().get()).isEqualTo(new ViewerScreenModel.Overlay(3, "live from job j1"));
    }

    @Test
    void aSlideOpenedHalfwayThroughAJobStartsWithTheNucleiSoFar() {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25));
        String onA = scheduler.submit("ada", new WorkflowSpec("on a", List.of(gateJob(a.path().toString()))));
        live.onEmit("ada", onA, "j1", new TileCells(0, 0, List.of(square(0, 0), square(40, 40))));
        model.open(a.path().toString(), null);
        background.runAll();
        assertThat(model.overlayProperty().get().count()).isEqualTo(2);
        assertThat(model.statusProperty().get()).isEqualTo("a.svs · fake · 2 nuclei so far from running jobs");
    }

    @Test
    void openingAnotherSlideLetsTheReadsInFlightFinishThenClosesTheOldSlideOnce() throws Exception {
        FakeSlide a = slide("a.svs", OptionalDouble.of(0.25)).holdReads();
        FakeSlide b = slide("b.svs", OptionalDouble.of(0.25));
        model.open(a.path().toString(), null);
        background.runAll();
        TileSource tilesOfA = model.tileSourceProperty().get();
        CompletableFuture<TilePixels> inFlight = tilesOfA.readTile(new TileKey(tilesOfA.id(), 0, 0, 0));
        a.awaitReadStarted();

        model.open(b.path().toString(), null);
        background.runAll();
        assertThat(model.tileSourceProperty().get().id()).as("b is shown at once").isEqualTo(b.id());
        assertThat(a.closes()).as("a stays open while a tile of it is being read").isZero();

        a.releaseReads();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).width()).as("the read in flight ends normally").isEqualTo(256);
        background.runNextWhenGiven();
        assertThat(a.whenClosed()).isDone();
        assertThat(a.closes()).as("a closed once, after its read").isEqualTo(1);
        assertThat(a.failedReads()).as("no read of a hit a closed or interrupted reader").isZero();
        assertThat(b.closes()).isZero();
    }

    private static JobSpec gateJob(String slide) {
        return new JobSpec("j1", "A", GateJob.TYPE, Map.of("slide", slide), List.of());
    }

    private static JobRow job(Path result, String slide, JobStatus status) {
        return new JobRow("w", "j1", "A", "segment", "Segment nuclei", status, 1, "", "", "ada", result, slide, null);
    }

    private static Nucleus square(double x, double y) {
        var polygon = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + 12, y),
                new Coordinate(x + 12, y + 12), new Coordinate(x, y + 12), new Coordinate(x, y)});
        return new Nucleus(polygon, x + 6, y + 6, 144, 48, 0.3, 0, 0);
    }
}
