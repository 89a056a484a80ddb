package org.pathlane.viewer;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** The scale bar in the lower-left corner: a round length in µm or mm close to a target width on screen. */
final class ScaleBar {

    private static final double TARGET_PIXELS = 120;
    private static final Font FONT = Font.font("System", 12);

    /**
     * A scale bar's length in µm: 1, 2 or 5 times a power of ten, the largest such that the bar is at most
     * {@value #TARGET_PIXELS} screen pixels at this zoom.
     */
    static double lengthMicrons(double micronsPerPixel, double zoom) {
        double target = TARGET_PIXELS * micronsPerPixel / zoom;
        double power = Math.pow(10, Math.floor(Math.log10(target)));
        for (double step : new double[] {5, 2, 1}) {
            if (step * power <= target * (1 + 1e-9)) {
                return step * power;
            }
        }
        return power;
    }

    /** "500 µm", "2 mm", "0.5 µm". */
    static String label(double microns) {
        if (microns >= 1000) {
            return format(microns / 1000) + " mm";
        }
        return format(microns) + " µm";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static void paint(GraphicsContext gc, Viewport view, double micronsPerPixel) {
        double microns = lengthMicrons(micronsPerPixel, view.zoom());
        double length = microns / micronsPerPixel * view.zoom();
        double x = 12;
        double y = view.height() - 14;
        gc.setGlobalAlpha(1);
        gc.setFill(Color.rgb(255, 255, 255, 0.75));
        gc.fillRect(x - 6, y - 22, length + 12, 30);
        gc.setFill(Color.BLACK);
        gc.fillRect(x, y, length, 4);
        gc.fillRect(x, y - 4, 2, 8);
        gc.fillRect(x + length - 2, y - 4, 2, 8);
        gc.setFont(FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(label(microns), x + length / 2, y - 3);
    }
}
