/** The scheduler's public seams: job handlers and what a submitted workflow looks like. */
package org.pathlane.scheduler.api;
