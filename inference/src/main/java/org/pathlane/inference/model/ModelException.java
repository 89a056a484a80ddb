package org.pathlane.inference.model;

/** A model that cannot be used: the message names the file and what is wrong with it. */
public final class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
