package org.pathlane.inference.model;

/**
 * An inference engine other than the built-in ONNX Runtime, found with {@link java.util.ServiceLoader}: the
 * full PathLane build ships the TorchScript engine this way, the lean build leaves its jars (and its
 * native library) out and a TorchScript model is then refused with a clear message.
 */
public interface ModelEngineProvider {

    /** The engine this provider runs. */
    ModelEngine engine();

    /**
     * Opens the spec's weights for this engine on the wanted device; {@link Device#AUTO} falls back to
     * the CPU with a {@linkplain SegmentationModel#deviceNote() note}, {@link Device#CUDA} fails when no GPU
     * can be used.
     *
     * @param cpuThreads threads the engine may use inside one CPU call; 0 for its default
     */
    SegmentationModel open(ModelSpec spec, WeightsSource weights, Device wanted, int cpuThreads);
}
