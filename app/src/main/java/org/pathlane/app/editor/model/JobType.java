package org.pathlane.app.editor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job type of the palette.
 *
 * @param name        the scheduler's type name
 * @param label       what the palette shows
 * @param description one line on what it does
 * @param params      its parameters, in inspector order
 */
public record JobType(String name, String label, String description, List<ParamSpec> params) {

    public JobType {
        params = params == null ? List.of() : List.copyOf(params);
    }

    /** A type the engine registered but the app has no description of: edited as free parameters. */
    public static JobType generic(String name) {
        return new JobType(name, name, "A job type registered with the engine.", List.of());
    }

    public Optional<ParamSpec> param(String key) {
        return params.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** The params a new job of this type starts with. */
    public Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (p.defaultValue() != null) {
                values.put(p.key(), p.defaultValue());
            }
        }
        return values;
    }
}
