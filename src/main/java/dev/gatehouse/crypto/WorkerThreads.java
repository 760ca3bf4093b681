package dev.gatehouse.crypto;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A few platform threads for CPU-bound work that takes long against a request (a password hash, an RSA
 * signature), taken in arrival order; the caller's virtual thread waits without holding a carrier. Done
 * in place, under load newly arrived requests waited seconds to start: Jetty handles a connection's next
 * request on the same thread when it is already there, so a few quick clients kept the cores. One
 * first-come-first-served queue per request restores the order (bench/RESULTS.md).
 */
final class WorkerThreads {
    private final ThreadPoolExecutor threads;

    WorkerThreads(String name, int count) {
        this.threads = new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name(name + "-", 0).daemon().factory());
    }

    /** Runs {@code work} on one of the threads and returns its result, or throws what it threw. */
    <T> T call(Callable<T> work) throws Exception {
        try {
            return threads.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    /** How many threads are working now (approximate; for tests). */
    int busy() {
        return threads.getActiveCount();
    }
}
