package org.pathlane.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.slide.info.SlideInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pathlane info SLIDE [--json]}: what a slide is, its pyramid, and how much tissue it holds. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = "Describes a slide: vendor, pyramid levels, microns per pixel, associated images,"
                + " the tissue fraction and the number of tissue tiles at 512 px / 0.5 µm/px.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the slide was read", "1:the file is not a readable slide (one line on stderr says why)"})
public final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SLIDE", description = "A whole-slide file (.svs .tif .ndpi .mrxs .scn ...) or a PNG/JPEG/TIFF.")
    Path slide;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SlideInfo info;
        try (SlideReader reader = Slides.open(slide)) {
            info = SlideInfo.of(reader);
        } catch (IOException e) {
            throw new CliException(1, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(info));
        } else {
            printText(out, info);
        }
        out.flush();
        return 0;
    }

    private static void printText(PrintWriter out, SlideInfo info) {
        out.printf(Locale.ROOT, "%s%n", info.file());
        out.printf(Locale.ROOT, "  vendor       %s (read by %s)%n", info.vendor(), info.reader());
        out.printf(Locale.ROOT, "  size         %d x %d px%n", info.width(), info.height());
        out.printf(Locale.ROOT, "  mpp          %s%n", info.mppX() == null
                ? (info.mppNote() == null ? "unknown (the file does not say)" : "unknown: " + info.mppNote()
                        + " (give segment --mpp MICRONS to set it)")
                : String.format(Locale.ROOT, "%s x %s µm/px", number(info.mppX()), number(info.mppY())));
        out.printf(Locale.ROOT, "  levels       %d%n", info.levels().size());
        out.printf(Locale.ROOT, "    %-5s %9s %9s %11s %11s%n", "level", "width", "height", "downsample", "tile");
        for (SlideInfo.Level level : info.levels()) {
            String tile = level.tileWidth() > 0 ? level.tileWidth() + "x" + level.tileHeight() : "-";
            out.printf(Locale.ROOT, "    %-5d %9d %9d %11s %11s%n", level.level(), level.width(), level.height(),
                    number(level.downsample()), tile);
        }
        out.printf(Locale.ROOT, "  associated   %s%n", info.associatedImages().isEmpty() ? "none"
                : info.associatedImages().stream().map(a -> a.width() > 0
                        ? a.name() + " " + a.width() + "x" + a.height() : a.name() + " (cannot be decoded)")
                        .collect(Collectors.joining(", ")));
        SlideInfo.Tissue tissue = info.tissue();
        out.printf(Locale.ROOT, "  tissue       %.1f %% of the slide (%s)%n", tissue.fraction() * 100, tissue.channel());
        out.printf(Locale.ROOT, "  tiles        %d of %d have tissue (%d px at %s µm/px, >= %s %% tissue)%s%n",
                tissue.tissueTiles(), tissue.tiles(), tissue.tileSize(), number(tissue.tileMpp()),
                number(tissue.tissueThreshold() * 100),
                tissue.mppAssumed() ? "; level 0 assumed to be " + number(tissue.tileMpp()) + " µm/px" : "");
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
