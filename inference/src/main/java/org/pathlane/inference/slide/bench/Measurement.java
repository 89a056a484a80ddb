package org.pathlane.inference.slide.bench;

/**
 * One timed pass over the tile set.
 *
 * @param tiles    tiles read
 * @param nanos    wall time of the reads alone
 * @param cpuNanos CPU time the whole process spent meanwhile (all threads, user + system): unlike wall
 *                 time it barely moves when other programs share the machine
 */
public record Measurement(int tiles, long nanos, long cpuNanos) {

    public double tilesPerSecond() {
        return tiles / (nanos / 1e9);
    }

    public double tilesPerCpuSecond() {
        return tiles / (cpuNanos / 1e9);
    }
}
