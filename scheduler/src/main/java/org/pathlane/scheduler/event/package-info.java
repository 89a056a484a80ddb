/** Events the engine announces after each commit, and the listener interface that receives them. */
package org.pathlane.scheduler.event;
