package org.pathlane.app.settings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * What inference device this workstation can use, found the way segmentation jobs find it: ONNX Runtime
 * lists CUDA whenever the GPU build is installed, so only loading the CUDA provider tells whether CUDA 12
 * and cuDNN 9 are really there. Slow the first time (ONNX Runtime unpacks its libraries): run it in the
 * background, once.
 */
public final class DeviceProbe {

    private DeviceProbe() {
    }

    /** A sentence for the settings screen, e.g. "CUDA is usable: auto runs on the GPU." */
    public static String describe() {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            if (!env.getAvailableProviders().toString().contains("CUDA")) {
                return "This ONNX Runtime has no CUDA provider: every device setting runs on the CPU.";
            }
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.addCUDA(0);
                return "CUDA is usable: \"auto\" runs on the GPU.";
            }
        } catch (OrtException e) {
            return "CUDA is not usable here (" + firstLine(e.getMessage()) + "): \"auto\" runs on the CPU; "
                    + "\"cuda\" would fail. Install CUDA 12 and cuDNN 9 to use the GPU.";
        } catch (RuntimeException | LinkageError e) {
            return "ONNX Runtime could not start (" + firstLine(String.valueOf(e.getMessage()))
                    + "): segmentation jobs will fail until it is repaired.";
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        String line = text.lines().findFirst().orElse(text).strip();
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
