package org.pathlane.scheduler.model;

import java.util.List;

/**
 * Who holds an active-user slot (in activation order) and who waits for one (in the FIFO order in which
 * they will be activated).
 */
public record UserQueue(List<String> active, List<String> waiting, int maxActiveUsers) {
}
