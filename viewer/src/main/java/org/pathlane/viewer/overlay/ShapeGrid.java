package org.pathlane.viewer.overlay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The spatial index of a shape layer: a uniform grid of square level-0 cells. Small shapes live in the
 * cell of their centre (a query widens by one cell to find those that reach across), shapes larger than
 * a cell in a separate list. Adding is O(1), which suits shapes that arrive tile by tile, and the cell
 * counts double as the density view. Used on the FX thread only.
 */
final class ShapeGrid {

    /** Receives a cell of the density view: its grid position and how many shapes it holds. */
    interface CellVisitor {
        void cell(int col, int row, int count);
    }

    private final double cellSize;
    private final Map<Long, List<OverlayShape>> cells = new HashMap<>();
    private final List<OverlayShape> large = new ArrayList<>();
    private int size;
    private long version;
    private int maxCellCount;
    private int minCol = Integer.MAX_VALUE;
    private int minRow = Integer.MAX_VALUE;
    private int maxCol = Integer.MIN_VALUE;
    private int maxRow = Integer.MIN_VALUE;

    ShapeGrid(double cellSize) {
        this.cellSize = cellSize;
    }

    double cellSize() {
        return cellSize;
    }

    int size() {
        return size;
    }

    int maxCellCount() {
        return maxCellCount;
    }

    /** Changes whenever a shape is added or the grid is cleared. */
    long version() {
        return version;
    }

    /** The occupied cells' bounds {minCol, minRow, maxCol, maxRow}, or null when no small shape is in. */
    int[] occupiedCells() {
        return cells.isEmpty() ? null : new int[] {minCol, minRow, maxCol, maxRow};
    }

    int count(int col, int row) {
        List<OverlayShape> list = cells.get(key(col, row));
        return list == null ? 0 : list.size();
    }

    void add(OverlayShape shape) {
        size++;
        version++;
        if (shape.maxX() - shape.minX() > cellSize || shape.maxY() - shape.minY() > cellSize) {
            large.add(shape);
            return;
        }
        int col = (int) Math.floor(shape.centerX() / cellSize);
        int row = (int) Math.floor(shape.centerY() / cellSize);
        List<OverlayShape> cell = cells.computeIfAbsent(key(col, row), k -> new ArrayList<>());
        cell.add(shape);
        maxCellCount = Math.max(maxCellCount, cell.size());
        minCol = Math.min(minCol, col);
        maxCol = Math.max(maxCol, col);
        minRow = Math.min(minRow, row);
        maxRow = Math.max(maxRow, row);
    }

    void clear() {
        version++;
        cells.clear();
        large.clear();
        size = 0;
        maxCellCount = 0;
        minCol = Integer.MAX_VALUE;
        minRow = Integer.MAX_VALUE;
        maxCol = Integer.MIN_VALUE;
        maxRow = Integer.MIN_VALUE;
    }

    /** Every shape whose bounds overlap the level-0 rectangle. */
    void query(double x0, double y0, double x1, double y1, Consumer<OverlayShape> action) {
        forEachCellList(x0, y0, x1, y1, 1, list -> {
            for (OverlayShape s : list) {
                if (s.maxX() >= x0 && s.minX() <= x1 && s.maxY() >= y0 && s.minY() <= y1) {
                    action.accept(s);
                }
            }
        });
        for (OverlayShape s : large) {
            if (s.maxX() >= x0 && s.minX() <= x1 && s.maxY() >= y0 && s.minY() <= y1) {
                action.accept(s);
            }
        }
    }

    /**
     * About how many shapes lie in the rectangle, without touching the shapes: each cell counts by the
     * share of its area inside the rectangle.
     */
    double estimate(double x0, double y0, double x1, double y1) {
        double[] total = {large.size()};
        cells(x0, y0, x1, y1, (col, row, count) -> {
            double w = Math.min(x1, (col + 1) * cellSize) - Math.max(x0, col * cellSize);
            double h = Math.min(y1, (row + 1) * cellSize) - Math.max(y0, row * cellSize);
            total[0] += count * Math.max(0, w) * Math.max(0, h) / (cellSize * cellSize);
        });
        return total[0];
    }

    /** The non-empty cells overlapping the rectangle, for the density view. */
    void cells(double x0, double y0, double x1, double y1, CellVisitor visitor) {
        if (cells.isEmpty()) {
            return;
        }
        int c0 = Math.max(minCol, (int) Math.floor(x0 / cellSize));
        int c1 = Math.min(maxCol, (int) Math.floor(x1 / cellSize));
        int r0 = Math.max(minRow, (int) Math.floor(y0 / cellSize));
        int r1 = Math.min(maxRow, (int) Math.floor(y1 / cellSize));
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                List<OverlayShape> list = cells.get(key(col, row));
                if (list != null) {
                    visitor.cell(col, row, list.size());
                }
            }
        }
    }

    private void forEachCellList(double x0, double y0, double x1, double y1, int margin,
                                 Consumer<List<OverlayShape>> action) {
        if (cells.isEmpty()) {
            return;
        }
        int c0 = Math.max(minCol, (int) Math.floor(x0 / cellSize) - margin);
        int c1 = Math.min(maxCol, (int) Math.floor(x1 / cellSize) + margin);
        int r0 = Math.max(minRow, (int) Math.floor(y0 / cellSize) - margin);
        int r1 = Math.min(maxRow, (int) Math.floor(y1 / cellSize) + margin);
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                List<OverlayShape> list = cells.get(key(col, row));
                if (list != null) {
                    action.accept(list);
                }
            }
        }
    }

    private static long key(int col, int row) {
        return ((long) col << 32) | (row & 0xffffffffL);
    }
}
