package org.pathlane.inference.slide;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as a slide: missing, empty, a folder, an unsupported format, damaged or
 * truncated. The message names the file, says what is wrong and what to do.
 */
public final class UnreadableSlideException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public UnreadableSlideException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public UnreadableSlideException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** What is wrong with the file, without its name. */
    public String problem() {
        return problem;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
