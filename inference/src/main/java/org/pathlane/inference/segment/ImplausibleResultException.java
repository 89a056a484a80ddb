package org.pathlane.inference.segment;

/**
 * A run whose "nuclei" cannot be nuclei (see {@link Plausibility}): the message says what was found and
 * what to try. The run's results are not put in place, so the folder keeps what it held before.
 */
public final class ImplausibleResultException extends RuntimeException {

    public ImplausibleResultException(String message) {
        super(message);
    }
}
