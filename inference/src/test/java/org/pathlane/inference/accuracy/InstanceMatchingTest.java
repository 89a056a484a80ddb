package org.pathlane.inference.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pathlane.inference.accuracy.InstanceMatching.Score;

/** The scorer on shapes drawn into small label images, where every figure can be worked out by hand. */
class InstanceMatchingTest {

    private static final int W = 64;
    private static final int H = 48;

    @Test
    void thePredictionOfTheAnnotationItselfScoresOneWhateverItsIds() {
        int[] truth = new int[W * H];
        disc(truth, 12, 12, 6, 1);
        disc(truth, 40, 20, 8, 2);
        rect(truth, 5, 30, 20, 10, 3);
        int[] predicted = new int[W * H];
        disc(predicted, 12, 12, 6, 900);
        disc(predicted, 40, 20, 8, 7);
        rect(predicted, 5, 30, 20, 10, 65535);

        Score s = InstanceMatching.score(truth, predicted);

        assertThat(s).isEqualTo(new Score(3, 3, 3, 3.0));
        assertThat(s.f1()).isEqualTo(1.0);
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.meanIou()).isEqualTo(1.0);
    }

    @Test
    void aSquareShiftedTwoPixelsIsFoundAndFourPixelsIsNot() {
        int[] truth = new int[W * H];
        rect(truth, 10, 10, 10, 10, 1);
        int[] nearby = new int[W * H];
        rect(nearby, 12, 10, 10, 10, 1);   // overlap 80, union 120: IoU 2/3
        int[] tooFar = new int[W * H];
        rect(tooFar, 14, 10, 10, 10, 1);   // overlap 60, union 140: IoU 0.43

        Score found = InstanceMatching.score(truth, nearby);
        Score missed = InstanceMatching.score(truth, tooFar);

        assertThat(found.matched()).isEqualTo(1);
        assertThat(found.meanIou()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(found.f1()).isEqualTo(1.0);
        assertThat(missed.matched()).isZero();
        assertThat(missed.f1()).isZero();
        assertThat(missed.precision()).isZero();
        assertThat(missed.recall()).isZero();
        assertThat(missed.meanIou()).isNaN();
    }

    @Test
    void aNucleusSplitInTwoMatchesItsLargerPartAndCountsTheOtherAsFalse() {
        int[] truth = new int[W * H];
        rect(truth, 10, 10, 20, 10, 1);
        int[] predicted = new int[W * H];
        rect(predicted, 10, 10, 12, 10, 1);  // IoU 120/200 = 0.6
        rect(predicted, 22, 10, 8, 10, 2);   // IoU 80/200 = 0.4

        Score s = InstanceMatching.score(truth, predicted);

        assertThat(s).isEqualTo(new Score(1, 2, 1, 0.6));
        assertThat(s.precision()).isEqualTo(0.5);
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void twoNucleiMergedIntoOneMatchNeitherWhenAlikeAndTheLargerWhenNot() {
        int[] alike = new int[W * H];
        rect(alike, 10, 10, 10, 10, 1);
        rect(alike, 22, 10, 10, 10, 2);
        int[] unlike = new int[W * H];
        rect(unlike, 10, 10, 14, 10, 1);
        rect(unlike, 24, 10, 6, 10, 2);
        int[] mergedAlike = new int[W * H];
        rect(mergedAlike, 10, 10, 22, 10, 5);   // IoU 100/220 with each
        int[] mergedUnlike = new int[W * H];
        rect(mergedUnlike, 10, 10, 20, 10, 5);  // IoU 140/200 with the larger, 60/200 with the smaller

        Score neither = InstanceMatching.score(alike, mergedAlike);
        Score larger = InstanceMatching.score(unlike, mergedUnlike);

        assertThat(neither).isEqualTo(new Score(2, 1, 0, 0));
        assertThat(neither.f1()).isZero();
        assertThat(larger).isEqualTo(new Score(2, 1, 1, 0.7));
        assertThat(larger.precision()).isEqualTo(1.0);
        assertThat(larger.recall()).isEqualTo(0.5);
    }

    @Test
    void anEmptyPredictionFindsNothingAndHasNoPrecision() {
        int[] truth = new int[W * H];
        disc(truth, 20, 20, 5, 1);
        disc(truth, 40, 20, 5, 2);

        Score s = InstanceMatching.score(truth, new int[W * H]);

        assertThat(s).isEqualTo(new Score(2, 0, 0, 0));
        assertThat(s.f1()).isZero();
        assertThat(s.recall()).isZero();
        assertThat(s.precision()).isNaN();
    }

    @Test
    void nucleiPredictedOnAnEmptyAnnotationAreAllFalseAndThereIsNoRecall() {
        int[] predicted = new int[W * H];
        disc(predicted, 20, 20, 5, 1);

        Score s = InstanceMatching.score(new int[W * H], predicted);

        assertThat(s).isEqualTo(new Score(0, 1, 0, 0));
        assertThat(s.f1()).isZero();
        assertThat(s.precision()).isZero();
        assertThat(s.recall()).isNaN();
        assertThat(InstanceMatching.score(new int[W * H], new int[W * H]).f1()).isNaN();
    }

    @Test
    void pooledScoresCountEveryImageAsOne() {
        Score a = new Score(10, 8, 6, 4.2);
        Score b = new Score(2, 4, 2, 1.8);

        Score pooled = a.plus(b);

        assertThat(pooled.truth()).isEqualTo(12);
        assertThat(pooled.predicted()).isEqualTo(12);
        assertThat(pooled.matched()).isEqualTo(8);
        assertThat(pooled.f1()).isCloseTo(16.0 / 24, within(1e-12));
        assertThat(pooled.meanIou()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void labelImagesOfDifferentSizesAreRefused() {
        assertThatThrownBy(() -> InstanceMatching.score(new int[10], new int[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in size");
    }

    private static void rect(int[] labels, int x0, int y0, int w, int h, int id) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                labels[y * W + x] = id;
            }
        }
    }

    private static void disc(int[] labels, int cx, int cy, int r, int id) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    labels[y * W + x] = id;
                }
            }
        }
    }
}
