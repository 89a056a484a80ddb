package org.pathlane.app.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished job left in its result folder.
 *
 * @param summary the job's {@code summary.json} as ordered key/value lines (nested objects flattened with dots)
 * @param cells   the number of nuclei, or -1 when the job wrote none
 * @param files   the files of the folder, largest first
 * @param problem why the folder could not be read fully, or empty
 */
public record JobResult(Path folder, String slide, Map<String, String> summary, long cells, List<Path> files, String problem) {

    public Path geojson() {
        return folder.resolve("cells.geojson");
    }

    public Path csv() {
        return folder.resolve("cells.csv");
    }
}
