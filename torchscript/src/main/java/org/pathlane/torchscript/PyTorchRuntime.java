package org.pathlane.torchscript;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.pathlane.inference.model.ModelException;

/**
 * DJL's PyTorch engine, started once per process from the native library bundled in PathLane's jars,
 * never downloaded: {@code ai.djl.offline} is set before DJL first looks, so a missing library is an
 * error naming the build rather than a fetch from the internet (the failure QuPath's InstanSeg users
 * meet most). The library is unpacked into PathLane's per-user cache, not {@code ~/.djl.ai}.
 */
final class PyTorchRuntime {

    static final String ENGINE = "PyTorch";

    private static volatile Engine engine;

    private PyTorchRuntime() {
    }

    /**
     * The engine; the first call fixes PyTorch's CPU thread count for the process.
     *
     * @param cpuThreads threads one CPU inference call may use, 0 for PyTorch's default
     */
    static Engine engine(int cpuThreads) {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (PyTorchRuntime.class) {
            if (engine == null) {
                configure(cpuThreads);
                try {
                    engine = Engine.getEngine(ENGINE);
                } catch (RuntimeException | UnsatisfiedLinkError | ExceptionInInitializerError
                         | NoClassDefFoundError failure) {
                    throw new ModelException("the TorchScript engine (PyTorch through DJL) cannot start: "
                            + firstLine(failure) + ". This PathLane build should carry PyTorch's native library for "
                            + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                            + "; reinstall PathLane, or use the model's ONNX export", failure);
                }
            }
            return engine;
        }
    }

    private static void configure(int cpuThreads) {
        setIfAbsent("ai.djl.offline", "true");
        // DJL reads these once, when it starts the engine.
        setIfAbsent("DJL_CACHE_DIR", cacheDir().toString());
        setIfAbsent("ENGINE_CACHE_DIR", cacheDir().toString());
        if (cpuThreads > 0) {
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(cpuThreads));
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** {@code -Dpathlane.djl.cache}, else PathLane's per-user cache ({@code ~/.cache/pathlane/djl} on Linux). */
    static Path cacheDir() {
        return org.pathlane.inference.UserCache.dir("pathlane.djl.cache", "djl");
    }

    static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
