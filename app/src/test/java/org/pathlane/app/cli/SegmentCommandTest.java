package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCommandTest {

    @TempDir
    Path tmp;

    @Test
    void segmentWritesTheFiveResultsThatAgree() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("slide.png"), 900, 600, 80, 3);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--tile", "256", "--halo", "32",
                "--batch", "4", "--mpp", "0.5", "--device", "cpu");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("nuclei in").contains("device cpu");
        assertThat(run.err()).contains("segment: 100%");
        for (String name : List.of("cells.geojson", "cells.csv", "tissue.png", "overlay.png", "summary.json")) {
            assertThat(out.resolve(name)).as(name).isNotEmptyFile();
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("mpp").asDouble()).isEqualTo(0.5);
        assertThat(summary.path("mppSource").asText()).isEqualTo("--mpp");
        assertThat(summary.path("tile").asInt()).isEqualTo(256);
        assertThat(summary.path("halo").asInt()).isEqualTo(32);
        assertThat(summary.path("batch").asInt()).isEqualTo(4);
        long cells = summary.path("cells").asLong();
        assertThat(cells).isBetween(60L, 80L);
        assertThat(Files.readAllLines(out.resolve("cells.csv"))).hasSize((int) cells + 1);
        assertThat(new ObjectMapper().readTree(out.resolve("cells.geojson").toFile()).path("features").size())
                .isEqualTo((int) cells);
    }

    @Test
    void badArgumentsUnreadableSlidesAndUnusableModelsFailWithOneLine() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("s.png"), 300, 300, 5, 1);
        Path out = tmp.resolve("o");

        CliRun tile = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--tile", "4");
        assertThat(tile.status()).isEqualTo(SegmentCommand.BAD_ARGUMENT);
        assertThat(tile.err().strip()).doesNotContain("\n").contains("tile must be at least 16");

        CliRun region = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--region", "1,2,3");
        assertThat(region.status()).isEqualTo(SegmentCommand.BAD_ARGUMENT);
        assertThat(region.err()).contains("X,Y,W,H");

        CliRun outside = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--region", "200,200,500,500",
                "--device", "cpu");
        assertThat(outside.status()).isEqualTo(SegmentCommand.BAD_ARGUMENT);
        assertThat(outside.err()).contains("reaches outside");

        Path junk = Files.writeString(tmp.resolve("junk.svs"), "not a slide");
        CliRun bad = CliRun.of("segment", "--slide", junk.toString(), "--out", out.toString(), "--device", "cpu");
        assertThat(bad.status()).isEqualTo(SegmentCommand.BAD_SLIDE);
        assertThat(bad.err().strip()).doesNotContain("\n").contains(junk.toString());

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun notDir = CliRun.of("segment", "--slide", slide.toString(), "--out", file.resolve("sub").toString(),
                "--device", "cpu");
        assertThat(notDir.status()).isEqualTo(SegmentCommand.BAD_SLIDE);
        assertThat(notDir.err()).contains("cannot create the output folder");

        CliRun model = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--model",
                tmp.resolve("nope").toString());
        assertThat(model.status()).isEqualTo(SegmentCommand.BAD_MODEL);
        assertThat(model.err()).contains("no such model");

        Path unknownStep = Files.createDirectories(tmp.resolve("odd-model"));
        Files.writeString(unknownStep.resolve("model.onnx"), "x");
        Files.writeString(unknownStep.resolve("model.json"), """
                {"weights":"model.onnx","input":{"channels":3,"minSize":64,"step":1},
                 "preprocessing":[{"id":"histogram_magic"}],"output":{"kind":"probability"}}""");
        CliRun step = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--model", unknownStep.toString(),
                "--device", "cpu");
        assertThat(step.status()).isEqualTo(SegmentCommand.BAD_MODEL);
        assertThat(step.err()).contains("model.json").contains("histogram_magic").contains("not supported");
    }

    @Test
    void modelTestPassesOnTheUnetExample() {
        String dir = System.getProperty("pathlane.shared.dir");
        Path unet = dir == null ? null : Path.of(dir, "models", "unet2d_nuclei_broad");
        org.junit.jupiter.api.Assumptions.assumeTrue(unet != null && Files.isDirectory(unet),
                "shared models absent: skipping the unet model test");
        CliRun run = CliRun.of("model", "test", unet.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("UNet 2D Nuclei Broad").contains("PASS");
    }

    @Test
    void modelTestWithoutTestTensorsSaysSo() {
        CliRun run = CliRun.of("model", "test", "default");
        assertThat(run.status()).isEqualTo(SegmentCommand.BAD_MODEL);
        assertThat(run.err()).contains("lists no test input");
    }

    @Test
    void nucleiThatCannotBeNucleiExitFiveWithOneLineAndWriteNothing() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("g.png"), 600, 400, 40, 3);
        // The bundled detector's probabilities put through a sigmoid again: every pixel is foreground.
        Path dir = Files.createDirectories(tmp.resolve("everything"));
        Files.write(dir.resolve("w.onnx"), org.pathlane.inference.model.ModelLoader.loadDefault().weights().read());
        Files.writeString(dir.resolve("model.json"), """
                {"weights":"w.onnx","input":{"name":"rgb","channels":3,"minSize":32,"step":1},
                 "output":{"name":"foreground","kind":"probability","sigmoid":true},"pixelSize":0.5}""");
        Path out = tmp.resolve("garbage");
        CliRun run = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--model", dir.toString(),
                "--tile", "128", "--halo", "32", "--device", "cpu", "--mpp", "0.5");
        assertThat(run.status()).as(run.err()).isEqualTo(SegmentCommand.IMPLAUSIBLE);
        String last = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("pathlane segment: ").contains("g.png").contains("--mpp");
        assertThat(out.resolve("summary.json")).doesNotExist();
        assertThat(out.resolve("cells.csv")).doesNotExist();
    }

    @Test
    void aPixelSizeNoMicroscopeGivesIsABadArgumentNotAnEndlessRun() throws Exception {
        Path slide = SegmentTestSlides.write(tmp.resolve("m.png"), 300, 250, 5, 2);
        for (String mpp : new String[] {"1000", "352.8", "0.000001", "0"}) {
            Path out = tmp.resolve("mpp-" + mpp);
            CliRun run = CliRun.of("segment", "--slide", slide.toString(), "--out", out.toString(), "--mpp", mpp,
                    "--device", "cpu");
            assertThat(run.status()).as(mpp).isEqualTo(SegmentCommand.BAD_ARGUMENT);
            assertThat(run.err().strip()).doesNotContain("\n").contains("--mpp").contains(mpp.equals("0") ? "0" : mpp);
            assertThat(out.resolve("summary.json")).doesNotExist();
        }
    }
}
