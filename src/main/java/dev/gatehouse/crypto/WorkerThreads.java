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
    /** Set on this pool's own threads, which run nested work in place instead of queueing behind themselves. */
    private final ThreadLocal<Boolean> own = new ThreadLocal<>();

    WorkerThreads(String name, int count) {
        var factory = Thread.ofPlatform().name(name + "-", 0).daemon().factory();
        this.threads = new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> factory.newThread(() -> {
                    own.set(Boolean.TRUE);
                    task.run();
                }));
    }

    /** Runs {@code work} on one of the threads (in place when called from one) and returns its result, or throws what it threw. */
    <T> T call(Callable<T> work) throws Exception {
        if (isCurrentThread()) return work.call();
        try {
            return threads.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    /** Whether the calling thread is one of these. */
    boolean isCurrentThread() {
        return own.get() != null;
    }

    /** Queues {@code task} for one of the threads; it reports its own outcome. */
    void execute(Runnable task) {
        threads.execute(task);
    }

    /** How many threads are working now (approximate; for tests). */
    int busy() {
        return threads.getActiveCount();
    }
}
