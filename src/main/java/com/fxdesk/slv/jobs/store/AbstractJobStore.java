package com.fxdesk.slv.jobs.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The job life cycle on top of a few storage primitives: an atomic read-modify-write of one record, a queue of
 * ids, and queries for expired leases. The transitions themselves are {@link JobRecord}'s.
 */
abstract class AbstractJobStore implements JobStore {
    /** A record before and after an update; after is null when the transition did not apply. */
    protected record Change(JobRecord before, JobRecord after) {
    }

    protected final Clock clock;

    protected AbstractJobStore(Clock clock) {
        this.clock = clock;
    }

    /** Wall time to the millisecond (what a shared store keeps), comparable across replicas. */
    protected Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Applies f atomically to the record (f returns null: no change); empty if there is no such record. */
    protected abstract Optional<Change> update(String id, UnaryOperator<JobRecord> f);

    protected abstract String pollQueue(Duration wait) throws InterruptedException;

    protected abstract void offerQueue(String id);

    protected abstract boolean inQueue(String id);

    /** RUNNING records whose lease ended before now. */
    protected abstract Collection<JobRecord> expiredLeases(Instant now);

    /** QUEUED records last changed before the given instant. */
    protected abstract Collection<JobRecord> queuedBefore(Instant before);

    /** Keeps a result (written before the SUCCEEDED status, so that a reader who sees the status finds it). */
    protected abstract void putResult(String id, byte[] result, Duration ttl);

    /** Called once a record has reached a final status: starts the TTL of the job's entries. */
    protected abstract void finalised(String id, Duration ttl);

    @Override
    public List<String> queuedIds() {
        return queuedBefore(now().plus(Duration.ofDays(1))).stream().map(JobRecord::id).toList();
    }

    @Override
    public Optional<JobRecord> claim(String worker, Duration lease, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            String id = pollQueue(Duration.ofNanos(left));
            if (id == null) {
                return Optional.empty();
            }
            Instant now = now();
            Optional<Change> c = update(id, r -> r.claim(worker, now, now.plus(lease)));
            if (c.isPresent() && c.get().after() != null) {
                return Optional.of(c.get().after());
            }
            // cancelled while queued, removed, or a duplicate queue entry of a job already claimed: take the next
        }
    }

    @Override
    public Optional<JobRecord> heartbeat(String id, String worker, double progress, String phase, Duration lease) {
        Instant now = now();
        return update(id, r -> r.heartbeat(worker, progress, phase, now, now.plus(lease))).map(Change::after);
    }

    @Override
    public boolean finish(String id, String worker, JobStatus status, String error, byte[] result, Duration ttl) {
        if (status == JobStatus.SUCCEEDED && result != null) {
            putResult(id, result, ttl);
        }
        Instant now = now();
        Optional<Change> c = update(id, r -> r.finish(worker, status, error, now));
        if (c.isEmpty() || c.get().after() == null) {
            return false; // lease lost: whoever holds it now computes the same result (same request, same seed)
        }
        finalised(id, ttl);
        return true;
    }

    @Override
    public Optional<JobRecord> cancel(String id, String reason, Duration ttl) {
        Instant now = now();
        return update(id, r -> r.cancel(reason, now)).map(c -> {
            if (c.after() == null) {
                return c.before();
            }
            if (c.after().status().isFinal()) {
                finalised(id, ttl);
            }
            return c.after();
        });
    }

    @Override
    public void release(String id, String worker, Duration ttl) {
        Instant now = now();
        update(id, r -> r.release(worker, now)).map(Change::after).ifPresent(r -> {
            if (r.status() == JobStatus.QUEUED) {
                offerQueue(id);
            } else {
                finalised(id, ttl);
            }
        });
    }

    @Override
    public int recover(int maxAttempts, Duration lease, Duration ttl) {
        Instant now = now();
        int n = 0;
        for (JobRecord expired : expiredLeases(now)) {
            Optional<Change> c = update(expired.id(), r -> r.expire(now, maxAttempts));
            if (c.isPresent() && c.get().after() != null) {
                n++;
                if (c.get().after().status() == JobStatus.QUEUED) {
                    offerQueue(expired.id());
                } else {
                    finalised(expired.id(), ttl);
                }
            }
        }
        // a replica that died between taking an id off the queue and claiming its record lost the id: re-offer
        // queued jobs that waited a whole lease and are not in the queue (a duplicate entry is skipped by claim)
        for (JobRecord q : queuedBefore(now.minus(lease))) {
            if (!inQueue(q.id())) {
                offerQueue(q.id());
                n++;
            }
        }
        return n;
    }
}
