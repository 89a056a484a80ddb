package org.pathlane.app.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Which submission times the dashboard lists, counted back from now. */
public enum Period {
    TODAY("Today"),
    WEEK("Last 7 days"),
    MONTH("Last 30 days"),
    ANY("Any time");

    private final String label;

    Period(String label) {
        this.label = label;
    }

    /** The earliest submission time kept at {@code now}; null for any time. "Today" starts at local midnight. */
    public Instant since(Instant now, ZoneId zone) {
        return switch (this) {
            case TODAY -> now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            case WEEK -> now.minus(Duration.ofDays(7));
            case MONTH -> now.minus(Duration.ofDays(30));
            case ANY -> null;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
