package org.pathlane.packaging;

/** A packaging step failed; the message says which file or tool, what went wrong and what to do. */
public final class PackagingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PackagingException(String message) {
        super(message);
    }

    public PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
