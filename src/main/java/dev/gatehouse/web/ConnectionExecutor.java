package dev.gatehouse.web;

import dev.gatehouse.crypto.SigningThreads;
import org.eclipse.jetty.util.thread.TryExecutor;

/**
 * The executor of Gatehouse's HTTP connector: Jetty's thread pool, except on a signing thread. When an
 * answer written on another thread than the request's completes, Jetty hands the connection to its
 * executor to read the next request; on a signing thread that reading is done in place, so that a
 * token answered there does not cost a wake-up of a pool thread as well. Only the reading and
 * parsing run there: the next request's work is queued again ({@link TokenRoute}), so it waits its
 * turn like every other request.
 */
final class ConnectionExecutor implements TryExecutor {
    private final TryExecutor pool;

    ConnectionExecutor(TryExecutor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        if (SigningThreads.isCurrentThread()) task.run();
        else pool.execute(task);
    }

    @Override
    public boolean tryExecute(Runnable task) {
        return pool.tryExecute(task);
    }
}
