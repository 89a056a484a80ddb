package org.pathlane.inference.testdata;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/** Matches two sets of outlines one-to-one by IoU and scores the agreement. */
public final class NucleusMatching {

    private NucleusMatching() {
    }

    /** F1 of greedy one-to-one matching at IoU ≥ {@code minIou}. */
    public static double f1(List<Polygon> a, List<Polygon> b, double minIou) {
        STRtree index = new STRtree();
        for (Polygon p : b) {
            index.insert(p.getEnvelopeInternal(), p);
        }
        List<Polygon> used = new ArrayList<>();
        int matched = 0;
        for (Polygon p : a) {
            Polygon best = null;
            double bestIou = minIou;
            for (Object o : index.query(p.getEnvelopeInternal())) {
                Polygon q = (Polygon) o;
                if (used.contains(q)) {
                    continue;
                }
                double inter = p.intersection(q).getArea();
                double iou = inter / (p.getArea() + q.getArea() - inter);
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = q;
                }
            }
            if (best != null) {
                used.add(best);
                matched++;
            }
        }
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        return 2.0 * matched / (a.size() + b.size());
    }
}
