package org.pathlane.app.cli;

import org.pathlane.inference.model.ModelEngine;
import picocli.CommandLine.Option;

/** {@code --engine auto|onnx|torchscript}, the same wherever a command runs a model. */
final class EngineOption {

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|onnx|torchscript",
            description = "Inference engine for the model's weights; auto takes ONNX when the model has it (default: ${DEFAULT-VALUE}).")
    String engine;

    /** The engine asked for; a name that is not one is a one-line usage error (exit 2). */
    ModelEngine engine() {
        try {
            return ModelEngine.parse(engine);
        } catch (IllegalArgumentException e) {
            throw new CliException(SegmentCommand.BAD_ARGUMENT, e.getMessage());
        }
    }
}
