package com.fxdesk.slv.calibration;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a body over task indices 0..n−1 on the calling thread plus up to P − 1 helpers on the caller's pool of P
 * threads, and returns when every task is done. Tasks are claimed from a shared counter, so the caller never waits
 * for a helper to be scheduled (a busy or shut-down pool only costs parallelism, never progress or a deadlock), and a
 * phase costs one helper submission, not one per task. Each task writes only its own slice of the shared arrays and
 * draws only from its own random stream, so the result does not depend on the pool or on which thread ran what.
 * The first exception thrown by a task is rethrown on the caller once no task is running any more.
 */
final class Chunks {
    /** Spin this long for the last helper's task before parking: phases are short. */
    private static final long SPIN_NANOS = 50_000;

    private Chunks() {
    }

    /** Threads that may compute for one calibration on this executor (the caller counts as one). */
    static int parallelism(ExecutorService executor) {
        if (executor == null) {
            return 1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (executor instanceof ForkJoinPool f) {
            return Math.max(1, f.getParallelism());
        }
        if (executor instanceof ThreadPoolExecutor t) {
            return Math.max(1, Math.min(t.getMaximumPoolSize(), Math.max(cores, t.getCorePoolSize())));
        }
        return cores;
    }

    static void run(ExecutorService executor, int tasks, IntConsumer body) {
        run(executor, parallelism(executor), tasks, body);
    }

    static void run(ExecutorService executor, int parallelism, int tasks, IntConsumer body) {
        int helpers = executor == null ? 0 : Math.min(parallelism, tasks) - 1;
        if (helpers <= 0) {
            for (int c = 0; c < tasks; c++) {
                body.accept(c);
            }
            return;
        }
        Phase phase = new Phase(tasks, body, Thread.currentThread());
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(phase::work);
            } catch (RejectedExecutionException e) {
                break; // the pool is shutting down: the caller does the rest
            }
        }
        phase.work();
        phase.awaitAll();
        Throwable failure = phase.failure;
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static final class Phase {
        private final int tasks;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Phase(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < tasks) {
                if (failure == null) {
                    try {
                        body.accept(c);
                    } catch (Throwable t) {
                        synchronized (this) {
                            if (failure == null) {
                                failure = t;
                            }
                        }
                    }
                }
                if (finished.incrementAndGet() == tasks && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Waits (not interruptibly: a running task must not outlive the arrays' owner) for all tasks. */
        void awaitAll() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (finished.get() < tasks && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (finished.get() < tasks) {
                LockSupport.parkNanos(this, 1_000_000L);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new CancellationException("interrupted");
                }
            }
        }
    }
}
