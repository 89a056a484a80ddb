package org.pathlane.app.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelLoader;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.ModelTester;
import org.pathlane.inference.model.Models;
import org.pathlane.inference.model.SegmentationModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pathlane model ...}: checks segmentation models. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Segmentation models.",
        subcommands = {ModelCommand.Test.class})
public final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code pathlane model test MODEL}: the description's test input must give its test output. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Runs the model's test input (from its description) and prints the largest difference to its"
                    + " test output. Exit 0 when within tolerance, 1 when not, 4 when the model cannot be used.")
    static final class Test implements Callable<Integer> {

        @Parameters(paramLabel = "MODEL", description = "default, a bioimage.io folder/zip/description, or an .onnx with model.json.")
        String model;

        @Option(names = "--device", defaultValue = "cpu", paramLabel = "auto|cpu|cuda", description = "(default: ${DEFAULT-VALUE})")
        String device;

        @picocli.CommandLine.Mixin
        EngineOption engine = new EngineOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                ModelSpec m = ModelLoader.load(model);
                try (SegmentationModel onnx = Models.open(m, Device.parse(device), 0, engine.engine())) {
                    ModelTester.Result r = ModelTester.test(onnx);
                    var out = spec.commandLine().getOut();
                    out.printf("model: %s (%s)%n", m.name(), m.description());
                    out.printf("input: %s, %d channel(s) (%s on slides), preprocessing %s%n", java.util.Arrays.toString(r.shape()),
                            m.channels(), m.channel().id(), m.preprocessing().stream().map(p -> p.id()).toList());
                    out.printf("output: %s%s, engine %s %s, device %s%s%n",
                            m.outputKind().name().toLowerCase(java.util.Locale.ROOT),
                            m.sigmoid() ? " (sigmoid applied)" : "", onnx.engine().id(), onnx.engineVersion(), onnx.device(),
                            onnx.deviceNote().isEmpty() ? "" : " (" + onnx.deviceNote() + ")");
                    out.printf("max difference: %.3g over %d values (tolerance %.0e): %s%n", r.maxDifference(),
                            r.elements(), ModelTester.TOLERANCE, r.passed() ? "PASS" : "FAIL");
                    out.flush();
                    return r.passed() ? 0 : 1;
                }
            } catch (ModelException | IOException e) {
                throw new CliException(SegmentCommand.BAD_MODEL, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(SegmentCommand.BAD_ARGUMENT, e.getMessage());
            }
        }
    }
}
