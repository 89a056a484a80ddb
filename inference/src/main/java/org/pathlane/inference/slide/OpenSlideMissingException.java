package org.pathlane.inference.slide;

import java.io.IOException;

/** The OpenSlide library is not installed or not loadable; the message says how to install or point to it. */
public final class OpenSlideMissingException extends IOException {

    private static final long serialVersionUID = 1L;

    public OpenSlideMissingException(String message) {
        super(message);
    }
}
