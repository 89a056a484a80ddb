/** Job types shipped with the scheduler itself ({@code sleep}); other modules register their own. */
package org.pathlane.scheduler.jobs;
