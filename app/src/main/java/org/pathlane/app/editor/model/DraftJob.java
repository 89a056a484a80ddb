package org.pathlane.app.editor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One job card in the editor.
 *
 * @param id     unique within the draft, becomes the {@code JobSpec} id
 * @param type   the job type name, e.g. {@code segment}
 * @param params the parameters as the inspector edited them (JSON-compatible values)
 */
public record DraftJob(String id, String type, Map<String, Object> params) {

    public DraftJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A copy with one parameter set, or removed when {@code value} is null or blank text. */
    public DraftJob withParam(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        if (value == null || value instanceof String s && s.isBlank()) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new DraftJob(id, type, copy);
    }
}
