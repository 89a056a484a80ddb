/**
 * {@code pathlane sim}: scenario parsing and checking, a runner that drives the real engine in real time,
 * and the JSON Lines trace writer.
 */
package org.pathlane.scheduler.sim;
