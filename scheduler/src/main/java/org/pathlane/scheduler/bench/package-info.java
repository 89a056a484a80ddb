/**
 * {@code pathlane bench scheduler}: throughput on zero-duration jobs and makespan against the ideal computed
 * by replaying the same rules in virtual time ({@link org.pathlane.scheduler.bench.ReferenceSimulation}).
 */
package org.pathlane.scheduler.bench;
