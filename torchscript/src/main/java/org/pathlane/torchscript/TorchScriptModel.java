package org.pathlane.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelOutputs;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.model.WeightsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TorchScript network opened in PyTorch through DJL. A TorchScript file carries no input signature,
 * so the description alone says what the network takes; the first batch shows whether the two agree.
 * Each thread runs through its own DJL predictor (predictors are not thread-safe, the module is).
 */
final class TorchScriptModel implements SegmentationModel {

    private static final Logger LOG = LoggerFactory.getLogger(TorchScriptModel.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private final ModelSpec spec;
    private final Model model;
    private final String version;
    private final String digest;
    private final String device;
    private final String deviceNote;
    private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> predictors = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Predictor<NDList, NDList>> predictor;

    private TorchScriptModel(ModelSpec spec, Model model, String version, String digest, String device, String deviceNote) {
        this.spec = spec;
        this.model = model;
        this.version = version;
        this.digest = digest;
        this.device = device;
        this.deviceNote = deviceNote;
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator());
            predictors.add(p);
            return p;
        });
    }

    static TorchScriptModel open(ModelSpec spec, WeightsSource weights, Device wanted, int cpuThreads) {
        Path file = weights.file();
        if (file == null) {
            throw new ModelException(spec.description() + ": TorchScript weights must be a file, not " + weights);
        }
        String digest = sha256(file);
        Engine engine = PyTorchRuntime.engine(cpuThreads);
        ai.djl.Device target = ai.djl.Device.cpu();
        String note = "";
        if (wanted != Device.CPU) {
            int gpus = gpuCount(engine);
            if (gpus > 0) {
                target = ai.djl.Device.gpu(0);
            } else {
                String reason = "the bundled PyTorch " + engine.getVersion() + " library is the CPU build";
                if (wanted == Device.CUDA) {
                    throw new ModelException("--device cuda: the TorchScript engine cannot use a GPU (" + reason
                            + "). Run with --device auto or cpu, or use the model's ONNX weights with CUDA 12.");
                }
                note = "CUDA unavailable for TorchScript, using CPU: " + reason;
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.info("{}", note);
                }
            }
        }
        Model model = Model.newInstance(spec.name(), target, PyTorchRuntime.ENGINE);
        try {
            model.load(file, null, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelException(file + ": not a TorchScript model PyTorch can load ("
                    + PyTorchRuntime.firstLine(e) + ")", e);
        }
        String version = engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
        return new TorchScriptModel(spec, model, version, digest, target.isGpu() ? "cuda" : "cpu", note);
    }

    /** GPUs PyTorch can use; a CPU-only library that cannot even ask counts none. */
    private static int gpuCount(Engine engine) {
        try {
            return engine.getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return 0;
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public ModelEngine engine() {
        return ModelEngine.TORCHSCRIPT;
    }

    @Override
    public String engineVersion() {
        return version;
    }

    @Override
    public String weightsDigest() {
        return digest;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public String deviceNote() {
        return deviceNote;
    }

    @Override
    public int fixedBatch() {
        return spec.fixedBatch();
    }

    @Override
    public int fixedSize() {
        return spec.step() == 0 ? spec.minSize() : 0;
    }

    @Override
    public float[] run(List<float[]> samples, int n, int size) {
        if (spec.fixedBatch() > 0 && n != spec.fixedBatch()) {
            throw new IllegalArgumentException(spec.name() + " takes batches of exactly " + spec.fixedBatch() + ", not " + n);
        }
        int length = 0;
        for (float[] s : samples) {
            length += s.length;
        }
        FloatBuffer input = ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (float[] s : samples) {
            input.put(s);
        }
        input.flip();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(input, new Shape(n, spec.channels(), size, size));
            NDList out = predictor.get().predict(new NDList(x));
            if (out.isEmpty()) {
                throw new ModelException(spec.description() + ": the TorchScript network returned no tensor");
            }
            NDArray y = out.get(0);
            int channels = ModelOutputs.check(spec, "0", y.getShape().getShape(), n, size);
            float[] all = (y.getDataType() == DataType.FLOAT32 ? y : y.toType(DataType.FLOAT32, false)).toFloatArray();
            return ModelOutputs.channel(spec, all, channels, n, size * size);
        } catch (TranslateException | ai.djl.engine.EngineException e) {
            throw new ModelException(spec.name() + ": inference failed: " + PyTorchRuntime.firstLine(e), e);
        }
    }

    @Override
    public void close() {
        Predictor<NDList, NDList> p;
        while ((p = predictors.poll()) != null) {
            p.close();
        }
        model.close();
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read the model weights: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
