package dev.gatehouse.crypto;

import java.util.concurrent.Callable;

/**
 * One platform thread per processor, shared by the process, for the work whose cost is a signature:
 * RS256 signatures handed over by requests on virtual threads ({@link OffloadedSigner}), and whole
 * client_credentials requests, which the token endpoint runs here from start to answer when everything
 * they need is in memory. Either way a request waits once, in one first-come-first-served queue, which
 * keeps the tail fair under load (bench/RESULTS.md).
 */
public final class SigningThreads {
    private static final WorkerThreads THREADS =
            new WorkerThreads("gatehouse-signing", Runtime.getRuntime().availableProcessors());

    private SigningThreads() {}

    /**
     * Queues {@code task}. It runs on a thread that every token request queues behind, so it must not
     * wait for the database: see {@link dev.gatehouse.store.MemoryOnly}.
     */
    public static void execute(Runnable task) {
        THREADS.execute(task);
    }

    /** Whether the calling thread is a signing thread. */
    public static boolean isCurrentThread() {
        return THREADS.isCurrentThread();
    }

    /** Runs {@code work} on a signing thread, in place when already on one, and returns its result. */
    static <T> T call(Callable<T> work) throws Exception {
        return THREADS.call(work);
    }
}
