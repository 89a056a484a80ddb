/** Rule 12: whole-workflow validation before anything is stored. */
package org.pathlane.scheduler.validation;
