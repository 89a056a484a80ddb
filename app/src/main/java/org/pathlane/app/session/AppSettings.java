package org.pathlane.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.pathlane.jobs.SegmentJobHandler;
import org.pathlane.scheduler.api.ParamSpec;
import org.pathlane.scheduler.model.Limits;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This workstation's preferences, kept in {@code settings.json} of the data folder: the inference device,
 * tile and batch sizes new segmentation jobs start with, and the theme. (The scheduler's limits live in its
 * database: they are the lab's, not the workstation's.) A damaged file is set aside as
 * {@code settings.json.damaged} and the defaults are used, so a bad edit never stops the app from starting.
 */
public final class AppSettings {

    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);
    /** The workstation's choices for new segmentation jobs, as the segment job declares them. */
    private static final ParamSpec DEVICE = SegmentJobHandler.SCHEMA.param("device").orElseThrow();
    private static final ParamSpec TILE = SegmentJobHandler.SCHEMA.param("tile").orElseThrow();
    private static final ParamSpec BATCH = SegmentJobHandler.SCHEMA.param("batch").orElseThrow();
    public static final List<String> DEVICES = DEVICE.choices();

    private final Path file;
    private String device = "auto";
    private long tile = defaultTile();
    private long batch = defaultBatch();
    private boolean dark;
    private WindowPlacement.Box window;
    private LabConnection lab;
    private String loadProblem = "";

    private AppSettings(Path file) {
        this.file = file;
    }

    public static AppSettings load(Path file) {
        AppSettings s = new AppSettings(file);
        if (!Files.exists(file)) {
            return s;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IOException("it is not a JSON object");
            }
            s.setDevice(root.path("device").asText("auto"));
            s.setTile(root.path("tile").asLong(defaultTile()));
            s.setBatch(root.path("batch").asLong(defaultBatch()));
            s.dark = root.path("dark").asBoolean(false);
            JsonNode w = root.path("window");
            if (w.path("width").isNumber() && w.path("height").isNumber()) {
                s.window = new WindowPlacement.Box(w.path("x").asDouble(), w.path("y").asDouble(), w.path("width").asDouble(),
                        w.path("height").asDouble());
            }
            JsonNode lab = root.path("lab");
            if (lab.isObject()) {
                s.lab = new LabConnection(lab.path("db").asText(""),
                        lab.path("credentials").asText("").isEmpty() ? null : Path.of(lab.path("credentials").asText()),
                        lab.path("results").asText("").isEmpty() ? null : Path.of(lab.path("results").asText()),
                        lab.path("workers").asInt(Limits.DEFAULT.maxWorkers()));
            }
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged");
            s.loadProblem = "Settings file " + file + " could not be read (" + e.getMessage()
                    + "); it was kept as " + aside.getFileName() + " and the defaults are used.";
            LOG.warn(s.loadProblem);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not set aside {}: {}", file, moveFailed.toString());
            }
            s.device = "auto";
            s.tile = defaultTile();
            s.batch = defaultBatch();
        }
        return s;
    }

    /**
     * Only the window's last bounds from {@code file}, without the side effects of {@link #load} (a damaged file
     * is left for {@code load} to set aside and report): for placing the window before the engine opens.
     */
    public static WindowPlacement.Box peekWindow(Path file) {
        try {
            JsonNode w = new ObjectMapper().readTree(file.toFile()).path("window");
            return w.path("width").isNumber() && w.path("height").isNumber() ? new WindowPlacement.Box(w.path("x").asDouble(),
                    w.path("y").asDouble(), w.path("width").asDouble(), w.path("height").asDouble()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public synchronized void save() throws IOException {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("device", device).put("tile", tile).put("batch", batch).put("dark", dark);
        if (lab != null) {
            ObjectNode l = root.putObject("lab").put("db", lab.db()).put("results", lab.results().toString())
                    .put("workers", lab.workers());
            if (lab.credentials() != null) {
                l.put("credentials", lab.credentials().toString());
            }
        }
        if (window != null) {
            root.putObject("window").put("x", window.x()).put("y", window.y()).put("width", window.width())
                    .put("height", window.height());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, root.toPrettyString());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The lab database this desktop joins at start, or empty for its own embedded database. */
    public synchronized java.util.Optional<LabConnection> lab() {
        return java.util.Optional.ofNullable(lab);
    }

    /** Joins a lab database from the next start ({@code null}: this workstation's own database again). */
    public synchronized void setLab(LabConnection connection) {
        lab = connection;
    }

    /** Why the file could not be read at start, or empty. */
    public String loadProblem() {
        return loadProblem;
    }

    public synchronized String device() {
        return device;
    }

    public synchronized void setDevice(String value) {
        if (!DEVICES.contains(value)) {
            throw new IllegalArgumentException("device must be one of " + String.join(", ", DEVICES) + ", not \"" + value + "\"");
        }
        device = value;
    }

    public synchronized long tile() {
        return tile;
    }

    public synchronized void setTile(long value) {
        if (value < TILE.min().longValue() || value > TILE.max().longValue()) {
            throw new IllegalArgumentException("tile must be between " + TILE.min() + " and " + TILE.max() + " pixels, not " + value);
        }
        tile = value;
    }

    public synchronized long batch() {
        return batch;
    }

    public synchronized void setBatch(long value) {
        if (value < BATCH.min().longValue() || value > BATCH.max().longValue()) {
            throw new IllegalArgumentException("batch must be between " + BATCH.min() + " and " + BATCH.max() + " tiles, not "
                    + value);
        }
        batch = value;
    }

    public synchronized boolean dark() {
        return dark;
    }

    public synchronized void setDark(boolean value) {
        dark = value;
    }

    /** Where the main window was when PathLane last closed, or null. */
    public synchronized WindowPlacement.Box window() {
        return window;
    }

    public synchronized void setWindow(WindowPlacement.Box value) {
        window = value;
    }

    /** The parameters a new segmentation job starts with. */
    public synchronized Map<String, Object> segmentDefaults() {
        return Map.of("device", device, "tile", tile, "batch", batch);
    }

    private static long defaultTile() {
        return ((Number) TILE.defaultValue()).longValue();
    }

    private static long defaultBatch() {
        return ((Number) BATCH.defaultValue()).longValue();
    }
}
