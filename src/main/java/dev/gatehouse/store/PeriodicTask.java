package dev.gatehouse.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A task run again and again on a virtual thread of its own (the change-feed poll, housekeeping,
 * scheduled key rotation), until closed. A failing run is logged and the next one tries again.
 */
public final class PeriodicTask implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final Thread thread;

    private PeriodicTask(Thread thread) {
        this.thread = thread;
    }

    /** Runs {@code task} every {@code interval}; the first run is at once when {@code runAtOnce}, else after one interval. */
    public static PeriodicTask start(String name, Duration interval, boolean runAtOnce, Runnable task) {
        return new PeriodicTask(Thread.ofVirtual().name(name).start(() -> {
            boolean due = runAtOnce;
            while (true) {
                if (due) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("{} failed; trying again in {}: {}", name, interval, e.toString());
                    }
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                due = true;
            }
        }));
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
