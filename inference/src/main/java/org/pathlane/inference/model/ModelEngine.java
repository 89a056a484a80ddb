package org.pathlane.inference.model;

import java.util.Locale;

/**
 * Which inference engine runs a model's weights: {@code auto} prefers ONNX when the description has
 * ONNX weights and takes TorchScript otherwise.
 */
public enum ModelEngine {
    AUTO("auto"), ONNX("onnx"), TORCHSCRIPT("torchscript");

    private final String id;

    ModelEngine(String id) {
        this.id = id;
    }

    /** As the command line and {@code summary.json} spell it. */
    public String id() {
        return id;
    }

    public static ModelEngine parse(String text) {
        for (ModelEngine e : values()) {
            if (e.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("engine '" + text + "' is not one of auto, onnx, torchscript");
    }
}
