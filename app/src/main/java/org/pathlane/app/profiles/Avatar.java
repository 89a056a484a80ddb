package org.pathlane.app.profiles;

import java.util.List;
import java.util.Locale;

/** What a profile's avatar shows: up to two initials, and the colours offered for new profiles. */
public final class Avatar {

    /** Colour-blind-safe (Paul Tol's bright scheme), dark enough for white initials. */
    public static final List<String> PALETTE = List.of("#4477AA", "#228833", "#AA3377", "#CC6677", "#117733", "#882255", "#332288", "#997700");

    private Avatar() {
    }

    /** "Ada Lovelace" → "AL", "grace" → "GR", "j" → "J". */
    public static String initials(String name) {
        String[] words = name.strip().split("[\\s._-]+");
        StringBuilder out = new StringBuilder();
        if (words.length >= 2) {
            out.appendCodePoint(words[0].codePointAt(0)).appendCodePoint(words[words.length - 1].codePointAt(0));
        } else if (!words[0].isEmpty()) {
            words[0].codePoints().limit(2).forEach(out::appendCodePoint);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** A palette colour picked from the name, so new profiles differ without the user choosing. */
    public static String colourFor(String name) {
        return PALETTE.get(Math.floorMod(name.strip().toLowerCase(Locale.ROOT).hashCode(), PALETTE.size()));
    }
}
