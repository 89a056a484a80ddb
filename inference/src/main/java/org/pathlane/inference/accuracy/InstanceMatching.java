package org.pathlane.inference.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores predicted nuclei against annotated ones, both given as label images of the same size (0 is
 * background, every other value one instance): the instance-level F1 of the nuclei segmentation
 * literature (DSB 2018, NuInsSeg, StarDist's {@code matching}).
 *
 * <p>Pairs with IoU ≥ {@link #MIN_IOU} are matched one to one, greedily by decreasing IoU (ties by
 * smaller truth id, then smaller predicted id, so equal input gives equal output). Above 0.5 the greedy
 * match is the only one and equals an optimal (Hungarian) assignment: two instances of one image do not
 * overlap, so an instance can have at most one partner with IoU &gt; 0.5. Only pairs at exactly 0.5 can
 * make the choice matter.
 */
public final class InstanceMatching {

    /** The IoU a predicted nucleus must reach with an annotated one to count as found. */
    public static final double MIN_IOU = 0.5;

    private InstanceMatching() {
    }

    /**
     * The agreement of one image, or of several pooled.
     *
     * @param truth     annotated instances
     * @param predicted predicted instances
     * @param matched   one-to-one pairs at IoU ≥ 0.5 (true positives)
     * @param iouSum    the IoU of the matched pairs, summed
     */
    public record Score(int truth, int predicted, int matched, double iouSum) {

        public static final Score NONE = new Score(0, 0, 0, 0);

        /** Predicted nuclei with no annotated partner. */
        public int falsePositives() {
            return predicted - matched;
        }

        /** Annotated nuclei nothing predicted matches. */
        public int falseNegatives() {
            return truth - matched;
        }

        /** Matched / predicted; NaN when nothing was predicted. */
        public double precision() {
            return predicted == 0 ? Double.NaN : matched / (double) predicted;
        }

        /** Matched / annotated; NaN when nothing is annotated. */
        public double recall() {
            return truth == 0 ? Double.NaN : matched / (double) truth;
        }

        /** 2·TP / (2·TP + FP + FN) = 2·matched / (annotated + predicted); NaN when both are empty. */
        public double f1() {
            return truth + predicted == 0 ? Double.NaN : 2.0 * matched / (truth + predicted);
        }

        /** Mean IoU of the matched pairs (each ≥ 0.5); NaN when nothing matched. */
        public double meanIou() {
            return matched == 0 ? Double.NaN : iouSum / matched;
        }

        /** The counts of both, as if they were one image. */
        public Score plus(Score other) {
            return new Score(truth + other.truth, predicted + other.predicted, matched + other.matched,
                    iouSum + other.iouSum);
        }
    }

    /**
     * Matches the instances of two label images.
     *
     * @param truth     annotated labels, row-major
     * @param predicted predicted labels, row-major, the same length
     */
    public static Score score(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("label images differ in size: " + truth.length + " and "
                    + predicted.length + " pixels");
        }
        Map<Integer, Integer> truthArea = new HashMap<>();
        Map<Integer, Integer> predictedArea = new HashMap<>();
        Map<Long, Integer> overlap = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = predicted[i];
            if (t != 0) {
                truthArea.merge(t, 1, Integer::sum);
            }
            if (p != 0) {
                predictedArea.merge(p, 1, Integer::sum);
            }
            if (t != 0 && p != 0) {
                overlap.merge(((long) t << 32) | (p & 0xffffffffL), 1, Integer::sum);
            }
        }
        List<Pair> candidates = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            int t = (int) (e.getKey() >>> 32);
            int p = (int) (long) e.getKey();
            int inter = e.getValue();
            double iou = inter / (double) (truthArea.get(t) + predictedArea.get(p) - inter);
            if (iou >= MIN_IOU) {
                candidates.add(new Pair(t, p, iou));
            }
        }
        candidates.sort((a, b) -> a.iou != b.iou ? Double.compare(b.iou, a.iou)
                : a.truth != b.truth ? Integer.compare(a.truth, b.truth) : Integer.compare(a.predicted, b.predicted));
        Set<Integer> usedTruth = new HashSet<>();
        Set<Integer> usedPredicted = new HashSet<>();
        int matched = 0;
        double iouSum = 0;
        for (Pair c : candidates) {
            if (!usedTruth.contains(c.truth) && !usedPredicted.contains(c.predicted)) {
                usedTruth.add(c.truth);
                usedPredicted.add(c.predicted);
                matched++;
                iouSum += c.iou;
            }
        }
        return new Score(truthArea.size(), predictedArea.size(), matched, iouSum);
    }

    private record Pair(int truth, int predicted, double iou) {
    }
}
