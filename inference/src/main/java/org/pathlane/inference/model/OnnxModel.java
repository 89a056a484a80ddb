package org.pathlane.inference.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model opened in ONNX Runtime: one session, checked against its description at open, run on
 * N×C×S×S float batches. {@link #run} is thread-safe (ONNX Runtime sessions are), so fixed-batch models
 * can serve several calls at once.
 */
public final class OnnxModel implements SegmentationModel {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private final ModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final String device;
    private final String deviceNote;
    private final int fixedBatch;
    private final int fixedSize;
    private final String digest;
    /**
     * Each inferring thread's native input buffer, reused batch after batch: ONNX Runtime reads a direct
     * buffer in place, where a heap array would be copied into a freshly allocated one for every batch.
     */
    private final ThreadLocal<FloatBuffer[]> inputBuffers = ThreadLocal.withInitial(() -> new FloatBuffer[1]);

    private OnnxModel(ModelSpec spec, byte[] weights, OrtSession session, String device, String deviceNote) {
        this.spec = spec;
        this.digest = sha256(weights);
        this.env = environment();
        this.session = session;
        this.device = device;
        this.deviceNote = deviceNote;
        try {
            this.inputName = pick(session.getInputInfo(), spec.inputName(), "input");
            this.outputName = pick(session.getOutputInfo(), spec.outputName(), "output");
            long[] in = shape(session.getInputInfo().get(inputName), "input " + inputName);
            long[] out = shape(session.getOutputInfo().get(outputName), "output " + outputName);
            if (in.length != 4) {
                throw bad("input '" + inputName + "' has rank " + in.length + "; PathLane needs N×C×H×W (rank 4)");
            }
            if (out.length != 4) {
                throw bad("output '" + outputName + "' has rank " + out.length + "; PathLane needs N×C×H×W (rank 4)");
            }
            if (in[1] > 0 && in[1] != spec.channels()) {
                throw bad("the network takes " + in[1] + " channels but the description says " + spec.channels());
            }
            if (in[2] > 0 && in[3] > 0 && in[2] != in[3]) {
                throw bad("the network takes " + in[2] + "×" + in[3] + " inputs; PathLane needs square tiles");
            }
            this.fixedSize = in[2] > 0 ? (int) in[2] : 0;
            if (fixedSize > 0 && !spec.accepts(fixedSize)) {
                throw bad("the network's fixed input size " + fixedSize + " contradicts the description (min "
                        + spec.minSize() + ", step " + spec.step() + ")");
            }
            this.fixedBatch = in[0] > 0 ? (int) in[0] : 0;
        } catch (OrtException e) {
            close();
            throw bad("cannot inspect the network: " + e.getMessage());
        } catch (ModelException e) {
            close();
            throw e;
        }
    }

    /** Opens the model's weights on the wanted device, ONNX Runtime choosing its CPU thread count (all cores). */
    public static OnnxModel open(ModelSpec spec, Device wanted) {
        return open(spec, wanted, 0);
    }

    /**
     * Opens the model's weights on the wanted device.
     *
     * @param cpuThreads threads ONNX Runtime may use inside one CPU inference call; 0 for its default (one
     *                   per core). A pipeline that reads and post-processes on the same cores gives it fewer.
     */
    public static OnnxModel open(ModelSpec spec, Device wanted, int cpuThreads) {
        if (spec.weights() == null) {
            throw new ModelException(spec.description() + ": has no onnx weights (it has " + spec.engines().stream()
                    .map(ModelEngine::id).toList() + "); run it with --engine torchscript");
        }
        byte[] bytes;
        try {
            bytes = spec.weights().read();
        } catch (IOException e) {
            throw new ModelException(spec.weights() + ": cannot read the model weights: " + e.getMessage(), e);
        }
        OrtEnvironment env = environment();
        String device = "cpu";
        String note = "";
        if (wanted != Device.CPU) {
            try (OrtSession.SessionOptions cuda = new OrtSession.SessionOptions()) {
                cuda.addCUDA(0);
                return new OnnxModel(spec, bytes, env.createSession(bytes, cuda), "cuda", "");
            } catch (OrtException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                if (wanted == Device.CUDA) {
                    throw new ModelException("--device cuda: the CUDA execution provider cannot load (" + reason
                            + "). Install CUDA 12 and cuDNN 9, or run with --device auto or cpu.", e);
                }
                note = "CUDA unavailable, using CPU: " + reason;
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.info("{}", note);
                }
            }
        }
        try (OrtSession.SessionOptions cpu = new OrtSession.SessionOptions()) {
            // The pipeline reads and post-processes on the same cores while inference runs: ONNX Runtime's
            // idle workers must sleep rather than spin, or they steal those cores between operators.
            cpu.addConfigEntry("session.intra_op.allow_spinning", "0");
            cpu.addConfigEntry("session.inter_op.allow_spinning", "0");
            if (cpuThreads > 0) {
                cpu.setIntraOpNumThreads(cpuThreads);
            }
            return new OnnxModel(spec, bytes, env.createSession(bytes, cpu), device, note);
        } catch (OrtException e) {
            throw new ModelException(spec.weights() + ": not an ONNX model ONNX Runtime can load ("
                    + (e.getMessage() == null ? e : e.getMessage().lines().findFirst().orElse("")) + ")", e);
        }
    }

    /**
     * The process-wide environment, created quiet: ONNX Runtime would otherwise print its own error line
     * for the expected CUDA load failure; PathLane logs the reason once itself.
     */
    private static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "pathlane");
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public ModelEngine engine() {
        return ModelEngine.ONNX;
    }

    @Override
    public String engineVersion() {
        return env.getVersion();
    }

    @Override
    public String weightsDigest() {
        return digest;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code cuda} or {@code cpu}. */
    @Override
    public String device() {
        return device;
    }

    /** Why the device differs from what was asked (empty when it does not). */
    @Override
    public String deviceNote() {
        return deviceNote;
    }

    /** Tiles per call: the network's fixed batch, or 0 when any batch size goes. */
    @Override
    public int fixedBatch() {
        return fixedBatch;
    }

    /** The only input size the network takes, or 0 when the description's min/step rule applies. */
    @Override
    public int fixedSize() {
        return fixedSize;
    }

    /**
     * Runs one batch.
     *
     * @param input {@code n × channels × size × size} floats, already preprocessed
     * @return the chosen output channel, {@code n × size × size}, sigmoid applied when the model says so
     */
    @Override
    public float[] run(float[] input, int n, int size) {
        return run(List.of(input), n, size);
    }

    /**
     * Runs one batch given as its samples, copied straight into the native input buffer.
     *
     * @param samples {@code n} samples of {@code channels × size × size} floats each, or one array holding all
     */
    @Override
    public float[] run(List<float[]> samples, int n, int size) {
        if (fixedBatch > 0 && n != fixedBatch) {
            throw new IllegalArgumentException(spec.name() + " takes batches of exactly " + fixedBatch + ", not " + n);
        }
        long[] shape = {n, spec.channels(), size, size};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, direct(samples), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            int channels = ModelOutputs.check(spec, outputName, out.getInfo().getShape(), n, size);
            return channel(out, channels, n, size * size);
        } catch (OrtException e) {
            throw new ModelException(spec.name() + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** The input in this thread's direct buffer. */
    private FloatBuffer direct(List<float[]> samples) {
        int length = 0;
        for (float[] s : samples) {
            length += s.length;
        }
        FloatBuffer[] holder = inputBuffers.get();
        if (holder[0] == null || holder[0].capacity() < length) {
            holder[0] = java.nio.ByteBuffer.allocateDirect(length * Float.BYTES)
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        }
        FloatBuffer buffer = holder[0].clear();
        for (float[] s : samples) {
            buffer.put(s);
        }
        return buffer.flip();
    }

    /**
     * Copies the wanted channel of every sample out of the output. ONNX Runtime's typed buffer getters
     * each copy the whole tensor, so each is called once per batch, never once per sample.
     */
    private float[] channel(OnnxTensor out, int channels, int n, int pixels) {
        float[] result = new float[n * pixels];
        int c = spec.outputChannel();
        OnnxJavaType type = out.getInfo().type;
        switch (type) {
            case FLOAT -> {
                FloatBuffer buf = out.getFloatBuffer();
                for (int b = 0; b < n; b++) {
                    buf.get((b * channels + c) * pixels, result, b * pixels, pixels);
                }
            }
            case INT64 -> {
                var buf = out.getLongBuffer();
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * pixels;
                    for (int i = 0; i < pixels; i++) {
                        result[b * pixels + i] = buf.get(from + i);
                    }
                }
            }
            case INT32 -> {
                var buf = out.getIntBuffer();
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * pixels;
                    for (int i = 0; i < pixels; i++) {
                        result[b * pixels + i] = buf.get(from + i);
                    }
                }
            }
            default -> throw new ModelException(spec.description() + ": output type " + type + " is not supported"
                    + " (float32, int32 or int64 expected)");
        }
        return ModelOutputs.finish(spec, result);
    }

    /** The named tensor; a network with a single one may name it differently from its description. */
    /**
     * The network's tensor the description names; with no name given, the network's only one. In a
     * {@code model.json} the name is the network's own, so one the network lacks is an error (taking the only
     * tensor instead hid a description written for another network). A bioimage.io tensor id is a logical
     * name that exporters do not carry into the ONNX graph ({@code raw} vs {@code input.1}): there the
     * network's only tensor is the one meant.
     */
    private String pick(Map<String, NodeInfo> infos, String wanted, String what) {
        if (infos.containsKey(wanted)) {
            return wanted;
        }
        boolean sidecar = spec.description().toString().endsWith(".json");
        if ((wanted.isEmpty() || !sidecar) && infos.size() == 1) {
            return infos.keySet().iterator().next();
        }
        String field = sidecar ? what + ".name" : what + "s[0] id/name";
        throw new ModelException(spec.description() + ": field \"" + field + "\": the network " + spec.weights()
                + " has no " + what + " named '" + wanted + "' (its " + what + "s: " + infos.keySet() + ")");
    }

    private long[] shape(NodeInfo info, String what) {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw bad(what + " is not a tensor");
        }
        return t.getShape();
    }

    private ModelException bad(String problem) {
        return new ModelException(spec.weights() + ": " + problem);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session of {} failed: {}", spec.name(), e.getMessage());
        }
    }
}
