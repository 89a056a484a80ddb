/** What the scheduler's callers see: states, wait reasons, views of users, workflows, jobs and slides. */
package org.pathlane.scheduler.model;
