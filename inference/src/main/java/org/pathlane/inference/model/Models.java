package org.pathlane.inference.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens a model in the engine a user asked for, or the best one its description allows: ONNX Runtime
 * when it has ONNX weights (PathLane's own, tested engine), TorchScript otherwise.
 */
public final class Models {

    private Models() {
    }

    /**
     * @param cpuThreads threads the engine may use inside one CPU call; 0 for its default (one per core)
     */
    public static SegmentationModel open(ModelSpec spec, Device device, int cpuThreads, ModelEngine engine) {
        ModelEngine chosen = choose(spec, engine);
        if (chosen == ModelEngine.ONNX) {
            return OnnxModel.open(spec, device, cpuThreads);
        }
        ModelEngineProvider provider = provider(chosen).orElseThrow(() -> new ModelException(spec.description()
                + ": " + chosen.id() + " weights need the " + chosen.id() + " engine, which this PathLane build leaves out"
                + " (the lean, ONNX-only build); install the full PathLane build, or use the model's ONNX export"));
        return provider.open(spec, spec.weightsFor(chosen).orElseThrow(), device, cpuThreads);
    }

    /** The engine a run will use; a request the description cannot meet fails naming what it has. */
    public static ModelEngine choose(ModelSpec spec, ModelEngine wanted) {
        if (wanted == ModelEngine.AUTO) {
            return spec.weights() != null ? ModelEngine.ONNX : ModelEngine.TORCHSCRIPT;
        }
        if (spec.weightsFor(wanted).isEmpty()) {
            throw new ModelException(spec.description() + ": has no " + wanted.id() + " weights (it has "
                    + spec.engines().stream().map(ModelEngine::id).toList() + "); run it with --engine "
                    + spec.engines().get(0).id() + " or auto");
        }
        return wanted;
    }

    /** Whether this build can run the engine (ONNX always; others when their jars are on the class path). */
    public static boolean available(ModelEngine engine) {
        return engine == ModelEngine.ONNX || engine == ModelEngine.AUTO || provider(engine).isPresent();
    }

    private static Optional<ModelEngineProvider> provider(ModelEngine engine) {
        return Optional.ofNullable(Providers.ALL.get(engine));
    }

    /** The engines on the class path, found once. */
    private static final class Providers {
        static final Map<ModelEngine, ModelEngineProvider> ALL = load();

        private static Map<ModelEngine, ModelEngineProvider> load() {
            Map<ModelEngine, ModelEngineProvider> map = new EnumMap<>(ModelEngine.class);
            for (ModelEngineProvider p : ServiceLoader.load(ModelEngineProvider.class)) {
                map.putIfAbsent(p.engine(), p);
            }
            return map;
        }
    }
}
