package com.fxdesk.slv.jobs.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs live: their records, the queue of job ids, their requests (so that any replica can run them) and
 * their results. {@link MemoryJobStore} is one JVM's (the default); {@link HazelcastJobStore} is shared by every
 * replica connected to the same Hazelcast cluster, so it outlives them.
 */
public interface JobStore extends AutoCloseable {

    /** Stores the jobs and queues them, all or none; false if the queue would then hold more than capacity. */
    boolean enqueue(List<NewJob> jobs, int capacity);

    Optional<JobRecord> get(String id);

    /** The stored request (JSON) of a job. */
    Optional<String> request(String id);

    /** The stored result of a SUCCEEDED job (opaque bytes: the job service's encoding). */
    Optional<byte[]> result(String id);

    /** Jobs of client (see {@link JobRecord#visibleTo}), of one batch if batchId is not null; any order. */
    List<JobRecord> list(String client, String batchId);

    /**
     * Takes the next queued job, waiting up to wait for one, and leases it to worker until now + lease; empty if
     * none came. The claim is atomic: two replicas never both get the same job from one queue entry.
     */
    Optional<JobRecord> claim(String worker, Duration lease, Duration wait) throws InterruptedException;

    /** Renews worker's lease and records progress; the record as stored (its cancel flag), empty if the lease was lost. */
    Optional<JobRecord> heartbeat(String id, String worker, double progress, String phase, Duration lease);

    /** Records worker's final status and result (null unless SUCCEEDED); false if worker no longer held the lease. */
    boolean finish(String id, String worker, JobStatus status, String error, byte[] result, Duration ttl);

    /** Cancels a queued job or flags a running one; the record after it, empty if there is no such job. */
    default Optional<JobRecord> cancel(String id, Duration ttl) {
        return cancel(id, "cancelled before it started", ttl);
    }

    /** As {@link #cancel(String, Duration)}; reason: the error a queued job is cancelled with. */
    Optional<JobRecord> cancel(String id, String reason, Duration ttl);

    /** Removes a finished job with its request and result; false if it is not finished (or not there). */
    boolean remove(String id);

    /** Gives a job worker runs back to the queue (worker shutting down). */
    void release(String id, String worker, Duration ttl);

    /** Re-queues jobs whose lease ran out (their replica died) and re-offers queued ids lost from the queue. */
    int recover(int maxAttempts, Duration lease, Duration ttl);

    /** Ids of every QUEUED job, whoever owns it. */
    List<String> queuedIds();

    /** Jobs waiting in the queue (approximate in a shared store). */
    int queued();

    /** Drops finished jobs beyond the TTL and beyond maxFinished (a shared store expires them itself). */
    void evict(Duration ttl, int maxFinished);

    void putBatch(String id, String json, Duration ttl);

    Optional<String> batch(String id);

    /** Human-readable description for logs and health ("memory", "hazelcast cluster slv at ..."). */
    String describe();

    /** True if other replicas see the same jobs (false: this JVM's memory only). */
    boolean shared();

    /** True while the store can be reached (readiness). */
    boolean available();

    @Override
    void close();

    /** A job to store: its record (QUEUED) and request. */
    record NewJob(JobRecord record, String request) {
    }
}
