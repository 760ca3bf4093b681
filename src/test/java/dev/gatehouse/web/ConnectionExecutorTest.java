package dev.gatehouse.web;

import dev.gatehouse.crypto.SigningThreads;
import org.eclipse.jetty.util.thread.TryExecutor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Jetty's tasks run in its pool, except those a signing thread hands over, which it runs itself. */
class ConnectionExecutorTest {
    @Test
    void aSigningThreadRunsTheTaskInPlaceAndAnyOtherThreadHandsItToThePool() throws Exception {
        var pooled = new AtomicInteger();
        var executor = new ConnectionExecutor(new TryExecutor() {
            @Override
            public void execute(Runnable task) {
                pooled.incrementAndGet();
                task.run();
            }

            @Override
            public boolean tryExecute(Runnable task) {
                return false;
            }
        });
        executor.execute(() -> { });
        assertThat(pooled).hasValue(1);

        var taskThread = new CompletableFuture<String>();
        var signingThread = new CompletableFuture<String>();
        SigningThreads.execute(() -> {
            signingThread.complete(Thread.currentThread().getName());
            executor.execute(() -> taskThread.complete(Thread.currentThread().getName()));
        });
        assertThat(taskThread.get(10, TimeUnit.SECONDS)).startsWith("gatehouse-signing-")
                .isEqualTo(signingThread.get());
        assertThat(pooled).hasValue(1);
    }
}
