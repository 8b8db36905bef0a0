package com.fxdesk.slv.parallel;

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
 * The first exception thrown by a task is rethrown on the caller once no task is running any more. The one scheduler
 * of the engine: the particle method, the round trip and the Monte Carlo pricer all run on it.
 */
public final class Chunks {
    /** Spin this long for the last helper's task before parking: phases are short. */
    private static final long SPIN_NANOS = 200_000;

    private Chunks() {
    }

    /** Threads that may compute for one calibration on this executor (the caller counts as one). */
    public static int parallelism(ExecutorService executor) {
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

    /** A task that also learns which participant runs it (0 the caller, 1.. the helpers): one per thread at a time. */
    @FunctionalInterface
    public interface ParticipantTask {
        void run(int participant, int task);
    }

    public static void run(ExecutorService executor, int tasks, IntConsumer body) {
        run(executor, parallelism(executor), tasks, body);
    }

    public static void run(ExecutorService executor, int parallelism, int tasks, IntConsumer body) {
        run(executor, parallelism, tasks, (participant, task) -> body.accept(task));
    }

    /**
     * As {@link #run(ExecutorService, int, int, IntConsumer)}, for bodies that keep scratch per participant (index it
     * by {@code participant}, at most {@code parallelism} of them).
     */
    public static void run(ExecutorService executor, int parallelism, int tasks, ParticipantTask body) {
        int helpers = executor == null ? 0 : Math.min(parallelism, tasks) - 1;
        if (helpers <= 0) {
            for (int c = 0; c < tasks; c++) {
                body.run(0, c);
            }
            return;
        }
        Phase phase = new Phase(tasks, body, Thread.currentThread(), helpers + 1);
        for (int h = 0; h < helpers; h++) {
            int participant = h + 1;
            try {
                executor.execute(() -> phase.work(participant));
            } catch (RejectedExecutionException e) {
                break; // the pool is shutting down: the caller does the rest
            }
        }
        phase.work(0);
        phase.awaitAll();
        phase.rethrow();
    }

    /**
     * Helpers that stay with one calibration for all its phases: after a phase a helper spins briefly for the next one
     * (the caller's serial work between phases is short), then parks until the caller publishes one. This removes
     * the pool's wake-up latency (tens of µs, more than a whole phase at 2,048 particles) from every regression
     * interval. Same guarantees as {@link #run}: the caller claims tasks too, so helpers that never get a pool thread
     * cost parallelism only, and results never depend on who ran what. Close it (try-with-resources) to release them.
     */
    public static final class Team implements AutoCloseable {
        /** How long an idle helper spins for the next phase before parking. */
        private static final long IDLE_SPIN_NANOS = 200_000;
        private final Thread caller = Thread.currentThread();
        private final Thread[] parked;
        private volatile Phase current;
        private volatile boolean closed;

        public Team(ExecutorService executor, int parallelism) {
            int helpers = executor == null ? 0 : Math.max(0, parallelism - 1);
            parked = new Thread[helpers];
            for (int h = 0; h < helpers; h++) {
                int slot = h;
                try {
                    executor.execute(() -> loop(slot));
                } catch (RejectedExecutionException e) {
                    break;
                }
            }
        }

        /** Runs tasks 0..n−1 on the caller and the helpers; returns when all are done. */
        public void run(int tasks, IntConsumer body) {
            if (parked.length == 0 || tasks == 1) {
                for (int c = 0; c < tasks; c++) {
                    body.accept(c);
                }
                return;
            }
            Phase phase = new Phase(tasks, (participant, task) -> body.accept(task), caller, parked.length + 1);
            current = phase;
            wakeAll();
            phase.work(0);
            phase.awaitAll();
            phase.rethrow();
        }

        @Override
        public void close() {
            closed = true;
            current = null;
            wakeAll();
        }

        private void wakeAll() {
            for (int h = 0; h < parked.length; h++) {
                Thread t;
                synchronized (parked) {
                    t = parked[h];
                }
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }

        private void loop(int slot) {
            Phase seen = null;
            long idleSince = System.nanoTime();
            while (!closed) {
                Phase p = current;
                if (p != null && p != seen) {
                    seen = p;
                    p.work(slot + 1);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < IDLE_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    synchronized (parked) {
                        parked[slot] = Thread.currentThread();
                    }
                    // re-check after registering: a phase published before registration must not be missed
                    if (!closed && current == seen) {
                        LockSupport.parkNanos(this, 10_000_000L);
                    }
                    synchronized (parked) {
                        parked[slot] = null;
                    }
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /**
     * One parallel phase. Tasks are split into one contiguous block per participant (the caller is participant 0):
     * each participant claims from its own block first, then helps the others, so the same tasks (the same
     * particles, the regression on the caller) tend to stay on the same core from phase to phase, while a late or
     * absent participant's block is simply taken over.
     */
    private static final class Phase {
        private final int tasks;
        private final ParticipantTask body;
        private final Thread caller;
        private final int[] blockEnd;
        private final AtomicInteger[] blockNext;
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Phase(int tasks, ParticipantTask body, Thread caller, int participants) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
            int blocks = Math.max(1, Math.min(participants, tasks));
            blockEnd = new int[blocks];
            blockNext = new AtomicInteger[blocks];
            for (int b = 0; b < blocks; b++) {
                blockNext[b] = new AtomicInteger((int) ((long) tasks * b / blocks));
                blockEnd[b] = (int) ((long) tasks * (b + 1) / blocks);
            }
        }

        void work(int participant) {
            int blocks = blockEnd.length;
            for (int k = 0; k < blocks; k++) {
                int b = (participant + k) % blocks;
                AtomicInteger next = blockNext[b];
                int end = blockEnd[b];
                int c;
                while (next.get() < end && (c = next.getAndIncrement()) < end) {
                    if (failure == null) {
                        try {
                            body.run(participant, c);
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
        }

        void rethrow() {
            Throwable f = failure;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error err) {
                throw err;
            }
            if (f != null) {
                throw new IllegalStateException(f);
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
