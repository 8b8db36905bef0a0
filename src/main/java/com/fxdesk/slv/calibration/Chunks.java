package com.fxdesk.slv.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs a body over chunk indices 0..n−1 on the caller's pool and waits. Each chunk writes only its own slice of
 * the shared arrays and draws only from its own random stream, so the result does not depend on the pool.
 */
final class Chunks {

    private Chunks() {
    }

    static void run(ExecutorService executor, int chunks, IntConsumer body) {
        if (executor == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            tasks.add(() -> {
                body.accept(chunk);
                return null;
            });
        }
        List<Future<Void>> futures;
        try {
            futures = executor.invokeAll(tasks);
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
