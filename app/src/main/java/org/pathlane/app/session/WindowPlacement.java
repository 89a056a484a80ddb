package org.pathlane.app.session;

import java.util.List;

/**
 * Where the main window opens: where it was last time, moved and shrunk so it lies on a screen that is
 * there now with its title bar reachable (a monitor unplugged since, a smaller laptop screen, a position a
 * window manager saved off the top). Pure arithmetic over the screens' usable areas, so it is tested
 * without a display.
 */
public final class WindowPlacement {

    /** The size the window asks for the first time. */
    public static final double DEFAULT_WIDTH = 1360;
    public static final double DEFAULT_HEIGHT = 860;

    /** A rectangle in screen coordinates. */
    public record Box(double x, double y, double width, double height) {

        boolean contains(double px, double py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }

        double overlap(Box o) {
            double w = Math.min(x + width, o.x + o.width) - Math.max(x, o.x);
            double h = Math.min(y + height, o.y + o.height) - Math.max(y, o.y);
            return w > 0 && h > 0 ? w * h : 0;
        }
    }

    private WindowPlacement() {
    }

    /**
     * @param saved   the window's last bounds, or null the first time
     * @param screens the usable area of every screen now (without task bars), the primary first
     * @return bounds that fit on one of {@code screens}, with the top edge (the title bar) on it
     */
    public static Box place(Box saved, List<Box> screens) {
        if (screens.isEmpty()) {
            return saved != null ? saved : new Box(0, 0, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        }
        Box primary = screens.getFirst();
        if (saved == null || !(saved.width() > 0) || !(saved.height() > 0)) {
            return centred(DEFAULT_WIDTH, DEFAULT_HEIGHT, primary);
        }
        // The screen its title bar is on, else the one that shows most of it; on none, the primary.
        Box screen = screens.stream().filter(s -> s.contains(saved.x() + saved.width() / 2, saved.y() + 10)).findFirst()
                .orElse(null);
        double best = 0;
        for (Box s : screens) {
            if (screen == null && s.overlap(saved) > best) {
                best = s.overlap(saved);
                screen = s;
            }
        }
        if (screen == null) {
            return centred(saved.width(), saved.height(), primary);
        }
        double width = Math.min(saved.width(), screen.width());
        double height = Math.min(saved.height(), screen.height());
        double x = Math.clamp(saved.x(), screen.x(), screen.x() + screen.width() - width);
        double y = Math.clamp(saved.y(), screen.y(), screen.y() + screen.height() - height);
        return new Box(x, y, width, height);
    }

    private static Box centred(double width, double height, Box screen) {
        double w = Math.min(width, screen.width());
        double h = Math.min(height, screen.height());
        return new Box(screen.x() + (screen.width() - w) / 2, screen.y() + (screen.height() - h) / 2, w, h);
    }
}
