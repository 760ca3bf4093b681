package dev.gatehouse.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Records each answered request: the timer {@code gatehouse.http.requests} by method, route template
 * and status, and a line on the access log (logger {@code gatehouse.access}). Route templates, never
 * raw paths, which may carry ids.
 */
final class RequestLog {
    private static final Logger access = LoggerFactory.getLogger("gatehouse.access");

    private final MeterRegistry metrics;

    RequestLog(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void record(String method, String route, int status, long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        Timer.builder("gatehouse.http.requests")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(metrics)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (access.isInfoEnabled()) {
            access.atInfo().setMessage("request")
                    .addKeyValue("method", method)
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("ms", TimeUnit.NANOSECONDS.toMillis(nanos))
                    .log();
        }
    }
}
