package org.pathlane.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InstanSeg's bioimage.io description exactly as its exporter writes it (format 0.4, TorchScript weights,
 * percentile normalisation, one {@code instance} labels output, the pixel size under
 * {@code config.qupath}), and its normalisation taken over a slide's tissue rather than per tile. No
 * InstanSeg weights can be fetched here, so the weights file is a placeholder: what is read and fitted is
 * checked, the network itself is not run.
 */
class InstanSegDescriptionTest {

    static final String BRIGHTFIELD_NUCLEI = """
            format_version: 0.4.10
            type: model
            name: brightfield_nuclei
            description: InstanSeg model
            tags: [cell-segmentation, nuclei, cells, unet, fiji, qupath, pytorch, instanseg, whole-slide-imaging]
            license: Apache-2.0
            authors: [{name: Thibaut Goldsborough}]
            cite: [{text: 'Goldsborough, T. et al. (2024) InstanSeg', doi: 'https://doi.org/10.48550/arXiv.2408.15954'}]
            documentation: brightfield_nuclei_README.md
            timestamp: '2024-09-01T12:00:00'
            test_inputs: [test-input.npy]
            test_outputs: [test-output.npy]
            inputs:
            - name: raw
              axes: bcyx
              data_type: float32
              data_range: [-.inf, .inf]
              shape: {min: [1, 3, 128, 128], step: [0, 0, 32, 32]}
              preprocessing:
              - name: scale_range
                kwargs: {axes: xy, eps: 1.0e-06, max_percentile: 99.9, min_percentile: 0.1, mode: per_sample}
            outputs:
            - name: instance
              axes: bcyx
              data_type: float32
              data_range: [-.inf, .inf]
              shape: {reference_tensor: raw, scale: [1.0, 0.0, 1.0, 1.0], offset: [0.0, 0.5, 0.0, 0.0]}
            weights:
              torchscript: {source: instanseg.pt, pytorch_version: 2.0.0}
            config:
              qupath:
                axes:
                - {role: x, step: 0.5, unit: um}
                - {role: y, step: 0.5, unit: um}
            """;

    @TempDir
    Path dir;

    private ModelSpec load(String yaml) throws Exception {
        Files.writeString(dir.resolve("rdf.yaml"), yaml);
        Files.write(dir.resolve("instanseg.pt"), new byte[] {'P', 'K', 3, 4});
        return ModelLoader.load(dir);
    }

    @Test
    void theBrightfieldNucleiDescriptionReadsAsPublished() throws Exception {
        ModelSpec spec = load(BRIGHTFIELD_NUCLEI);
        assertThat(spec.engines()).containsExactly(ModelEngine.TORCHSCRIPT);
        assertThat(spec.channels()).isEqualTo(3);
        assertThat(spec.channel()).isEqualTo(ChannelChoice.RGB);
        assertThat(spec.outputKind()).as("the instance output is label images").isEqualTo(OutputKind.LABELS);
        assertThat(spec.outputChannel()).as("channel 0 holds the nuclei").isZero();
        assertThat(spec.pixelSize()).isEqualTo(0.5);
        assertThat(spec.pixelSizeSaid()).isTrue();
        assertThat(spec.minSize()).isEqualTo(128);
        assertThat(spec.step()).isEqualTo(32);
        assertThat(spec.preprocessing()).containsExactly(new Preprocessing.ScaleRange(0.1, 99.9, 1e-6f, false));
    }

    @Test
    void theFluorescenceNucleiAndCellsDescriptionTakesTheNuclearChannel() throws Exception {
        ModelSpec spec = load(BRIGHTFIELD_NUCLEI.replace("name: brightfield_nuclei", "name: fluorescence_nuclei_and_cells")
                .replace("min: [1, 3, 128, 128], step: [0, 0, 32, 32]", "min: [1, 1, 128, 128], step: [0, 1, 32, 32]")
                .replace("offset: [0.0, 0.5, 0.0, 0.0]", "offset: [0.0, 1.0, 0.0, 0.0]"));
        assertThat(spec.channels()).isEqualTo(1);
        assertThat(spec.outputKind()).isEqualTo(OutputKind.LABELS);
        assertThat(spec.outputChannel()).isZero();
    }

    @Test
    void aPixelSizeInAnotherUnitIsRefusedNamingTheField() {
        assertThatThrownBy(() -> load(BRIGHTFIELD_NUCLEI.replace("{role: x, step: 0.5, unit: um}",
                "{role: x, step: 0.5, unit: mm}")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("rdf.yaml")
                .hasMessageContaining("config.qupath.axes x unit 'mm'");
    }

    @Test
    void theLeanBuildRefusesItWithWhatToDo() throws Exception {
        ModelSpec spec = load(BRIGHTFIELD_NUCLEI);
        assertThatThrownBy(() -> Models.open(spec, Device.CPU, 1, ModelEngine.AUTO))
                .isInstanceOf(ModelException.class).hasMessageContaining("install the full PathLane build");
    }

    /** A thumbnail: the left half glass, the right half tissue of varied pinks and purples. */
    private static int[] halfGlass(int width, int height) {
        Random random = new Random(5);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            boolean tissue = i % width >= width / 2;
            argb[i] = tissue ? 0xff000000 | (120 + random.nextInt(120)) << 16 | (40 + random.nextInt(120)) << 8
                    | (140 + random.nextInt(90)) : 0xfff4f4f6;
        }
        return argb;
    }

    @Test
    void theNormalisationIsTakenOnceOverTheTissueAndEveryTileGetsTheSameMapping() throws Exception {
        ModelSpec spec = load(BRIGHTFIELD_NUCLEI);
        int w = 64;
        int h = 40;
        int[] thumbnail = halfGlass(w, h);
        boolean[] tissue = new boolean[w * h];
        for (int i = 0; i < tissue.length; i++) {
            tissue[i] = i % w >= w / 2;
        }
        List<Preprocessing> fitted = SlideNormalisation.fit(spec, thumbnail, tissue);
        assertThat(fitted).hasSize(1).first().isInstanceOf(Preprocessing.SlideRange.class);
        Preprocessing.SlideRange range = (Preprocessing.SlideRange) fitted.get(0);
        assertThat(range.basis()).isEqualTo("the slide's tissue");
        assertThat(range.lo()[0]).as("red's 0.1th percentile over tissue, not glass's 244").isBetween(120f, 125f);
        assertThat(range.hi()[0]).isBetween(235f, 240f);

        // Two tiles with one purple pixel each: one nearly all glass, one all tissue.
        int size = 32;
        int purple = 0xff8040a0;
        int[] glassy = new int[size * size];
        java.util.Arrays.fill(glassy, 0xfff4f4f6);
        int[] full = halfGlass(2 * size, size);
        int[] tissueTile = new int[size * size];
        for (int y = 0; y < size; y++) {
            System.arraycopy(full, y * 2 * size + size, tissueTile, y * size, size);
        }
        glassy[0] = purple;
        tissueTile[0] = purple;
        TensorPacker slideWide = new TensorPacker(spec, fitted);
        assertThat(slideWide.pack(glassy, size)[0]).isEqualTo(slideWide.pack(tissueTile, size)[0]);
        TensorPacker perTile = new TensorPacker(spec);
        assertThat(perTile.pack(glassy, size)[0]).as("per tile, the same pixel means something else in each tile")
                .isNotEqualTo(perTile.pack(tissueTile, size)[0]);
    }

    @Test
    void withoutTissueTheWholeThumbnailIsTheBasis() throws Exception {
        ModelSpec spec = load(BRIGHTFIELD_NUCLEI);
        int[] thumbnail = halfGlass(64, 40);
        List<Preprocessing> fitted = SlideNormalisation.fit(spec, thumbnail, new boolean[thumbnail.length]);
        assertThat(((Preprocessing.SlideRange) fitted.get(0)).basis()).isEqualTo("the slide's thumbnail");
    }
}
