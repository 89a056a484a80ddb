package org.pathlane.torchscript;

import org.pathlane.inference.model.Device;
import org.pathlane.inference.model.ModelEngine;
import org.pathlane.inference.model.ModelEngineProvider;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.model.SegmentationModel;
import org.pathlane.inference.model.WeightsSource;

/** The TorchScript engine, found by the inference module's {@code Models} through the service loader. */
public final class TorchScriptEngine implements ModelEngineProvider {

    @Override
    public ModelEngine engine() {
        return ModelEngine.TORCHSCRIPT;
    }

    @Override
    public SegmentationModel open(ModelSpec spec, WeightsSource weights, Device wanted, int cpuThreads) {
        return TorchScriptModel.open(spec, weights, wanted, cpuThreads);
    }
}
