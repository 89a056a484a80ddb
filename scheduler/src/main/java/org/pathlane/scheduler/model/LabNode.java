package org.pathlane.scheduler.model;

/**
 * A node of a lab database as every node sees it: its name and how many jobs it runs at once (each node's own
 * {@code maxWorkers}).
 */
public record LabNode(String name, int workers) {
}
