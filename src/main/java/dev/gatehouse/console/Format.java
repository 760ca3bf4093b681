package dev.gatehouse.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes values for people. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {}

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A duration in its largest whole unit: "90 days", "1 hour", "30 minutes", "45 seconds". */
    public static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) return count(seconds / 86_400, "day");
        if (seconds != 0 && seconds % 3_600 == 0) return count(seconds / 3_600, "hour");
        if (seconds != 0 && seconds % 60 == 0) return count(seconds / 60, "minute");
        return count(seconds, "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
