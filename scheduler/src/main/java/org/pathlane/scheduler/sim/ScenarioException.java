package org.pathlane.scheduler.sim;

/**
 * An invalid scenario: the message is one line naming the file, the workflow/job or field, and the problem.
 * Control characters and line separators in it (from a value quoted by a lower layer) are shown escaped, so the
 * message stays one printable line on a terminal.
 */
public final class ScenarioException extends RuntimeException {

    public ScenarioException(String message) {
        super(printable(message));
    }

    static String printable(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
