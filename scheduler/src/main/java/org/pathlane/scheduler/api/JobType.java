package org.pathlane.scheduler.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job type as people see it (the editor's palette and inspector) and as the engine checks it: its
 * parameters, their defaults and ranges.
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

    /**
     * Checks a job's parameters against this type: no unknown keys, every required one without a default
     * present, every value
     * of its kind and in its range. A type described with no parameters (a {@link #generic} one) takes any.
     *
     * @throws IllegalArgumentException naming the job type and the parameter
     */
    public void check(Map<String, Object> values) {
        if (params.isEmpty()) {
            return;
        }
        String job = name + " job";
        for (String key : values.keySet()) {
            if (param(key).isEmpty()) {
                throw new IllegalArgumentException(job + ": unknown parameter '" + key + "' (known: "
                        + params.stream().map(ParamSpec::key).toList() + ")");
            }
        }
        for (ParamSpec p : params) {
            Object value = values.get(p.key());
            if (value == null) {
                if (p.required() && p.defaultValue() == null) {
                    throw new IllegalArgumentException(job + ": parameter '" + p.key() + "' (" + p.label() + ") is required");
                }
                continue;
            }
            p.check(job, value);
        }
    }

    /** A parameter's value, or its default when the job leaves it out. */
    public Object value(Map<String, Object> values, String key) {
        Object v = values.get(key);
        return v != null ? v : param(key).map(ParamSpec::defaultValue).orElse(null);
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
