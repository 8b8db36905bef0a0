package com.fxdesk.slv.jobs.store;

import java.time.Instant;

/**
 * What the store knows of one job, small enough to rewrite on every heartbeat: the request and the result live in
 * the store beside it (by job id), not in it. Every state change is one of the pure transitions below, applied
 * atomically by the store (a lock in memory, compare-and-set in a shared store), so all stores follow one set of
 * rules.
 *
 * @param owner      the client that submitted the job; only that client sees it (lists and lookups filter by it)
 * @param batchId    the batch the job belongs to, or null
 * @param updatedAt  last transition or heartbeat
 * @param attempts   how many times a replica claimed it (a job whose replica died is claimed again)
 * @param worker     the replica holding the lease while RUNNING; once finished by a replica, the one that ran it
 * @param leaseUntil the lease's end while RUNNING: past it, another replica re-queues the job
 */
public record JobRecord(String id, String kind, String owner, String batchId, JobStatus status, double progress,
                        String phase, boolean cancelRequested, String error, Instant createdAt, Instant startedAt,
                        Instant finishedAt, Instant updatedAt, int attempts, String worker, Instant leaseUntil) {

    public static JobRecord queued(String id, String kind, String owner, String batchId, Instant now) {
        return new JobRecord(id, kind, owner, batchId, JobStatus.QUEUED, 0, null, false, null, now, null, null, now,
                0, null, null);
    }

    /** QUEUED → RUNNING under worker's lease; null if the job is no longer queued. */
    JobRecord claim(String by, Instant now, Instant until) {
        if (status != JobStatus.QUEUED) {
            return null;
        }
        return new JobRecord(id, kind, owner, batchId, JobStatus.RUNNING, 0, "started", cancelRequested, null,
                createdAt, now, null, now, attempts + 1, by, until);
    }

    /** Lease renewal with the runner's progress; null if by no longer holds the lease. */
    JobRecord heartbeat(String by, double fraction, String newPhase, Instant now, Instant until) {
        if (!holds(by)) {
            return null;
        }
        double p = Double.isFinite(fraction) ? Math.max(progress, Math.min(1.0, Math.max(0.0, fraction))) : progress;
        return new JobRecord(id, kind, owner, batchId, status, p, newPhase != null ? newPhase : phase,
                cancelRequested, error, createdAt, startedAt, finishedAt, now, attempts, by, until);
    }

    /** RUNNING (held by by) → a final status; null if by lost the lease in the meantime. */
    JobRecord finish(String by, JobStatus finalStatus, String message, Instant now) {
        if (!holds(by) || !finalStatus.isFinal()) {
            return null;
        }
        boolean ok = finalStatus == JobStatus.SUCCEEDED;
        return new JobRecord(id, kind, owner, batchId, finalStatus, ok ? 1.0 : progress, ok ? "done" : phase,
                cancelRequested, message, createdAt, startedAt, now, now, attempts, by, null);
    }

    /**
     * A queued job is cancelled at once (with reason as its error); a running one is flagged (its replica stops at
     * its next check).
     */
    JobRecord cancel(String reason, Instant now) {
        if (status == JobStatus.QUEUED) {
            return new JobRecord(id, kind, owner, batchId, JobStatus.CANCELLED, progress, phase, true,
                    reason, createdAt, null, now, now, attempts, null, null);
        }
        if (status == JobStatus.RUNNING && !cancelRequested) {
            return new JobRecord(id, kind, owner, batchId, status, progress, phase, true, error, createdAt,
                    startedAt, finishedAt, now, attempts, worker, leaseUntil);
        }
        return null;
    }

    /**
     * A RUNNING job whose lease ran out (its replica died or hung) goes back to the queue, or fails for good
     * after maxAttempts (a job that kills every replica it lands on must not go round forever); a flagged cancel
     * is honoured instead.
     */
    JobRecord expire(Instant now, int maxAttempts) {
        if (status != JobStatus.RUNNING || leaseUntil == null || !leaseUntil.isBefore(now)) {
            return null;
        }
        if (cancelRequested) {
            return new JobRecord(id, kind, owner, batchId, JobStatus.CANCELLED, progress, phase, true,
                    "cancelled (its replica stopped)", createdAt, startedAt, now, now, attempts, null, null);
        }
        if (attempts >= maxAttempts) {
            return new JobRecord(id, kind, owner, batchId, JobStatus.FAILED, progress, phase, false,
                    "the job's replica stopped " + attempts + " times while running it", createdAt, startedAt, now,
                    now, attempts, null, null);
        }
        return requeued(now);
    }

    /** The worker gives the job back (shutting down): queued again at once, not counted as a lost attempt. */
    JobRecord release(String by, Instant now) {
        if (!holds(by)) {
            return null;
        }
        return cancelRequested ? finish(by, JobStatus.CANCELLED, "cancelled", now)
                : new JobRecord(id, kind, owner, batchId, JobStatus.QUEUED, 0, null, false, null, createdAt, null,
                        null, now, Math.max(0, attempts - 1), null, null);
    }

    private JobRecord requeued(Instant now) {
        return new JobRecord(id, kind, owner, batchId, JobStatus.QUEUED, 0, "requeued", false, null, createdAt,
                null, null, now, attempts, null, null);
    }

    boolean holds(String by) {
        return status == JobStatus.RUNNING && by.equals(worker);
    }

    /** True when a client with this id may see the job: only its owner (another's job is as good as none). */
    public boolean visibleTo(String client) {
        return java.util.Objects.equals(owner, client);
    }
}
