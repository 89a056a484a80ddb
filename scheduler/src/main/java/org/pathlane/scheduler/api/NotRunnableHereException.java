package org.pathlane.scheduler.api;

/**
 * Thrown by a handler when this node cannot run the job but another might: its slide is not reachable from
 * this machine (the lab share is not mounted here, say). In a lab the job goes back to the queue, keeps its
 * place and is given to another node, with this message as its reason meanwhile; when no live node can run it,
 * it fails with the message. On a single workstation it fails at once, as any other failure.
 */
public class NotRunnableHereException extends Exception {

    public NotRunnableHereException(String message) {
        super(message);
    }
}
