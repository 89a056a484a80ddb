package org.pathlane.jobs;

import java.util.List;
import org.pathlane.inference.model.Device;
import org.pathlane.inference.segment.Segmentations;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.NotRunnableHereException;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;
import org.pathlane.scheduler.jobs.SleepJob;

/**
 * The job types every PathLane node registers with its engine (the desktop and a headless node alike),
 * besides the engine's built-in {@code sleep}, which nodes replace with {@link WaitJobHandler}.
 */
public final class JobHandlers {

    private JobHandlers() {
    }

    public static List<JobHandler> desktop() {
        return node(Device.AUTO);
    }

    /** @param device what segmentation jobs that leave the device to the node ({@code auto}) run on here */
    public static List<JobHandler> node(Device device) {
        return List.of(new SegmentJobHandler(Segmentations.standard(), device), new TissueJobHandler(),
                new ExportJobHandler());
    }

    /** What each known job type is called and takes, in the order the editor's palette lists them. */
    public static List<JobType> schemas() {
        return List.of(SegmentJobHandler.SCHEMA, TissueJobHandler.SCHEMA, ExportJobHandler.SCHEMA, SleepJob.SCHEMA);
    }

    /**
     * A slide this machine cannot reach (no such file, or not readable here: the lab share is not mounted on this
     * node, say) is this node's problem, not the slide's: in a lab the job goes to another node.
     */
    static void requireReachable(java.nio.file.Path slide) throws NotRunnableHereException {
        if (!java.nio.file.Files.isReadable(slide)) {
            String why = java.nio.file.Files.exists(slide) ? "not readable by this node's account" : "no such file here";
            throw new NotRunnableHereException(slide + " is not reachable from this machine (" + why
                    + "): check that the lab share with the slides is mounted here at the same path");
        }
    }

    /** The slide parameter of the job types that read one. */
    static ParamSpec slide() {
        return new ParamSpec("slide", "Slide", ParamSpec.Kind.SLIDE, null, true, List.of(), "a slide of your library");
    }
}
