package org.pathlane.scheduler.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7 layout): 48 bits of milliseconds, then a counter and random bits. Unique
 * without any coordination between processes or nodes, and ordered by creation, so the jobs of a workflow
 * sit next to each other in the primary-key index and one commit touches few index pages.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long counter;

    private Ids() {
    }

    public static synchronized String next() {
        long millis = System.currentTimeMillis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = RANDOM.nextInt(1 << 10);
        } else if (++counter >= 1 << 12) {
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
