package org.pathlane.inference.model;

import java.util.List;

/**
 * A segmentation network opened in some inference engine: all the pipeline needs of it. The pipeline,
 * the model test and the benchmarks see only this, so a second engine plugs in beside ONNX Runtime and a
 * pipeline test can use a plain Java model.
 *
 * <p>Implementations are thread-safe: the pipeline may call {@link #run} from several threads.
 */
public interface SegmentationModel extends AutoCloseable {

    /** What the description says: input contract, pixel size, output kind, post-processing. */
    ModelSpec spec();

    /** The engine running the network. */
    ModelEngine engine();

    /** The engine's own version, for the summary ({@code 1.23.2} for ONNX Runtime, {@code 2.7.1 (DJL 0.36.0)}). */
    String engineVersion();

    /** SHA-256 of the weights file the engine loaded, so a checkpoint is never resumed with a different network. */
    String weightsDigest();

    /** {@code cuda} or {@code cpu}. */
    String device();

    /** Why the device differs from what was asked (empty when it does not). */
    String deviceNote();

    /** Tiles per call: the network's fixed batch, or 0 when any batch size goes. */
    int fixedBatch();

    /** The only input size the network takes, or 0 when the description's min/step rule applies. */
    int fixedSize();

    /**
     * Runs one batch given as its samples.
     *
     * @param samples {@code n} samples of {@code channels × size × size} floats each, or one array holding all
     * @return the chosen output channel, {@code n × size × size}, sigmoid applied when the model says so
     */
    float[] run(List<float[]> samples, int n, int size);

    /** Runs one batch held in one array of {@code n × channels × size × size} floats. */
    default float[] run(float[] input, int n, int size) {
        return run(List.of(input), n, size);
    }

    @Override
    void close();
}
