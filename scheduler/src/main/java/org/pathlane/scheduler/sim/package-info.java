/**
 * {@code pathlane sim}: scenario parsing and checking, a runner that drives the real engine in real time,
 * and the JSON Lines trace writer.
 *
 * <p>Choices where the spec is silent: a scenario is refused (exit 2) for anything the engine would refuse only
 * at run time or would run as something else than written ({@link org.pathlane.scheduler.sim.ScenarioParser});
 * inputs are made in one order, by time, at equal times submissions before cancels, then in file order, and when
 * the engine is slower than the scenario they go late rather than out of that order
 * ({@link org.pathlane.scheduler.sim.Timeline}); a cancel due before its workflow is submitted is ignored (logged).
 */
package org.pathlane.scheduler.sim;
