package org.pathlane.scheduler.model;

/** The runtime-changeable limits of rules 1 and 2; both at least 1. */
public record Limits(int maxWorkers, int maxActiveUsers) {

    public static final Limits DEFAULT = new Limits(4, 3);

    public Limits {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be at least 1, got " + maxWorkers);
        }
        if (maxActiveUsers < 1) {
            throw new IllegalArgumentException("maxActiveUsers must be at least 1, got " + maxActiveUsers);
        }
    }
}
