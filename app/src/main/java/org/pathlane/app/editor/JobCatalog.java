package org.pathlane.app.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.pathlane.app.editor.model.JobType;
import org.pathlane.app.editor.model.ParamSpec;
import org.pathlane.app.editor.model.ParamSpec.Kind;

/**
 * The job types the palette offers: exactly the types registered with the engine, described for
 * people where the app knows them (labels, parameters, defaults) and edited as free parameters
 * otherwise.
 */
public final class JobCatalog {

    private static final List<JobType> KNOWN = List.of(
            new JobType("segment", "Segment nuclei",
                    "Finds tissue, tiles it and segments every nucleus with a model.",
                    List.of(
                            slide(),
                            new ParamSpec("model", "Model", Kind.MODEL, "default", true, List.of(),
                                    "\"default\" or the folder/zip of a bioimage.io model"),
                            new ParamSpec("engine", "Engine", Kind.CHOICE, "auto", false,
                                    List.of("auto", "onnx", "torchscript"),
                                    "auto runs a model's ONNX weights when it has them, else its TorchScript weights"),
                            new ParamSpec("device", "Device", Kind.CHOICE, "auto", false, List.of("auto", "cpu", "cuda"),
                                    "auto uses CUDA when it loads, else the CPU"),
                            new ParamSpec("tile", "Tile (px)", Kind.INTEGER, 512L, false, List.of(), "core size of a tile"),
                            new ParamSpec("halo", "Halo (px)", Kind.INTEGER, 64L, false, List.of(), "overlap on every side"),
                            new ParamSpec("batch", "Batch", Kind.INTEGER, 8L, false, List.of(), "tiles per inference call"),
                            new ParamSpec("tissueThreshold", "Tissue threshold", Kind.DECIMAL, 0.05, false, List.of(),
                                    "minimum tissue fraction of a tile"),
                            new ParamSpec("region", "Region X,Y,W,H", Kind.TEXT, null, false, List.of(),
                                    "optional, level-0 pixels; empty = whole slide"),
                            new ParamSpec("mpp", "Microns per pixel", Kind.DECIMAL, null, false, List.of(),
                                    "optional; overrides or supplies the slide's"),
                            new ParamSpec("noTissue", "Skip tissue detection", Kind.BOOLEAN, false, false, List.of(),
                                    "process every tile, background too"))),
            new JobType("tissue", "Detect tissue",
                    "Finds the tissue on a thumbnail and writes its mask.",
                    List.of(slide())),
            new JobType("export", "Export measurements",
                    "Copies a segmentation's measurements (CSV/GeoJSON) to a folder. Draw an arrow from that job.",
                    List.of(new ParamSpec("source", "Source job", Kind.JOB, null, true, List.of("segment"),
                                    "the segmentation job to export, e.g. j1"),
                            new ParamSpec("folder", "To folder", Kind.TEXT, null, true, List.of(), "e.g. a shared drive"),
                            new ParamSpec("format", "Format", Kind.CHOICE, "csv", true, List.of("csv", "geojson", "both"), ""))),
            new JobType("sleep", "Wait (test job)",
                    "Waits a while and succeeds; for trying out workflows and the queue.",
                    List.of(new ParamSpec("durationMs", "Duration (ms)", Kind.INTEGER, 2000L, true, List.of(), ""),
                            new ParamSpec("fail", "Fail at the end", Kind.BOOLEAN, false, false, List.of(), "to try out fail-fast and retry"))));

    private final List<JobType> types;

    private JobCatalog(List<JobType> types) {
        this.types = List.copyOf(types);
    }

    /** The palette for the types the engine registered, known ones first in the app's order. */
    public static JobCatalog forRegistered(Collection<String> registered) {
        List<JobType> types = new ArrayList<>();
        for (JobType known : KNOWN) {
            if (registered.contains(known.name())) {
                types.add(known);
            }
        }
        registered.stream().sorted()
                .filter(name -> KNOWN.stream().noneMatch(k -> k.name().equals(name)))
                .forEach(name -> types.add(JobType.generic(name)));
        return new JobCatalog(types);
    }

    /** This catalog with some defaults of one type replaced (e.g. the workstation's device and tile size). */
    public JobCatalog withDefaults(String typeName, java.util.Map<String, Object> defaults) {
        return new JobCatalog(types.stream().map(t -> !t.name().equals(typeName) ? t : new JobType(t.name(), t.label(),
                t.description(), t.params().stream().map(p -> !defaults.containsKey(p.key()) ? p
                        : new ParamSpec(p.key(), p.label(), p.kind(), defaults.get(p.key()), p.required(), p.choices(), p.help()))
                        .toList())).toList());
    }

    /**
     * This catalog with new export jobs writing into {@code folder} (the profile's own exports folder), not a
     * folder relative to wherever PathLane happened to start.
     */
    public JobCatalog withExportsInto(java.nio.file.Path folder) {
        return withDefaults("export", java.util.Map.of("folder", folder.toAbsolutePath().toString()));
    }

    public List<JobType> types() {
        return types;
    }

    public Optional<JobType> find(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The label of a type, or its name when the engine does not run it. */
    public String label(String name) {
        return find(name).map(JobType::label).orElse(name);
    }

    private static ParamSpec slide() {
        return new ParamSpec("slide", "Slide", Kind.SLIDE, null, true, List.of(), "a slide of your library");
    }
}
