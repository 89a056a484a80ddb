package org.pathlane.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.pathlane.inference.export.ResultSet;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.tissue.TissueDetection;
import org.pathlane.inference.tissue.TissueDetector;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobType;

/**
 * The {@code tissue} job ("Detect tissue"): finds the tissue of a slide on its thumbnail and writes
 * {@code tissue.png} (the mask), {@code thumbnail.png} and {@code summary.json} (slide, size, tissue
 * fraction, channel and threshold). Parameter: {@code slide} (required).
 */
public final class TissueJobHandler implements JobHandler {

    public static final String TYPE = "tissue";
    public static final JobType SCHEMA = new JobType(TYPE, "Detect tissue",
            "Finds the tissue on a thumbnail and writes its mask.", List.of(JobHandlers.slide()));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobType schema() {
        return SCHEMA;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Path slide = slide(context.params());
        JobHandlers.requireReachable(slide);
        context.progress().report(0, 2, "reading the thumbnail");
        Path out = context.resultDir();
        Files.createDirectories(out);
        try (SlideReader reader = Slides.open(slide); ResultSet results = ResultSet.begin(out)) {
            context.cancellation().throwIfCancelled();
            TissueDetection found = TissueDetector.defaults().detect(reader);
            context.progress().report(1, 2, "writing the mask");
            ImageIO.write(found.mask().toImage(), "png", results.stage("tissue.png").toFile());
            ImageIO.write(found.thumbnail().image(), "png", results.stage("thumbnail.png").toFile());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("slide", slide.toString());
            summary.put("width", reader.levels().getFirst().width());
            summary.put("height", reader.levels().getFirst().height());
            summary.put("tissueFraction", found.mask().fraction());
            summary.put("channel", found.channel());
            summary.put("threshold", found.threshold());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(results.stage("summary.json").toFile(), summary);
            results.commit();
        }
        context.progress().report(2, 2, "done");
    }

    private static Path slide(Map<String, Object> params) {
        SCHEMA.check(params);
        return Path.of(params.get("slide").toString());
    }
}
