/**
 * The scheduling rules as a pure, single-threaded state machine ({@link org.pathlane.scheduler.rules.RuleBook})
 * and the wait explanations of rule 14. No database and no threads here: the engine persists and announces
 * the transitions the rule book decides; the benchmark replays the same rules in virtual time to compute the
 * ideal makespan.
 */
package org.pathlane.scheduler.rules;
