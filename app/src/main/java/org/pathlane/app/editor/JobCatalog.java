package org.pathlane.app.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.pathlane.jobs.JobHandlers;
import org.pathlane.scheduler.api.JobType;

/**
 * The job types the palette offers: exactly the types registered with the engine, described for
 * people where the app knows them (labels, parameters, defaults) and edited as free parameters
 * otherwise.
 */
public final class JobCatalog {

    /** The types the app knows, each described once beside its handler. */
    private static final List<JobType> KNOWN = JobHandlers.schemas();

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
                        : p.withDefault(defaults.get(p.key()))).toList())).toList());
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

}
