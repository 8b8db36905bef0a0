package com.fxdesk.slv.jobs;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One job's mutable state, written only by {@link JobService} (status transitions under the job's lock). */
public final class Job {
    private final String id;
    private final String kind;
    /** The client (API key id or JWT subject) that created the job: only it may see or cancel the job. */
    private final String owner;
    private final Instant createdAt;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final CompletableFuture<Job> done = new CompletableFuture<>();
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile double progress;
    private volatile String phase;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile JobOutcome outcome;
    volatile Runnable queued;

    Job(String id, String kind, String owner, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.owner = java.util.Objects.requireNonNull(owner, "owner");
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String owner() {
        return owner;
    }

    public boolean ownedBy(String client) {
        return owner.equals(client);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public JobStatus status() {
        return status;
    }

    public double progress() {
        return progress;
    }

    public String phase() {
        return phase;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String error() {
        return error;
    }

    public JobOutcome outcome() {
        return outcome;
    }

    public boolean cancelRequested() {
        return cancelRequested.get();
    }

    CompletableFuture<Job> done() {
        return done;
    }

    AtomicBoolean cancelFlag() {
        return cancelRequested;
    }

    synchronized boolean start(Instant now) {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        startedAt = now;
        return true;
    }

    void progress(double fraction, String phase) {
        if (Double.isFinite(fraction)) {
            this.progress = Math.max(this.progress, Math.min(1.0, Math.max(0.0, fraction)));
        }
        this.phase = phase;
    }

    /** Moves to a final status once; returns false if the job had already finished. */
    synchronized boolean finish(JobStatus finalStatus, JobOutcome outcome, String error, Instant now) {
        if (status.isFinal()) {
            return false;
        }
        this.outcome = outcome;
        this.error = error;
        this.finishedAt = now;
        if (finalStatus == JobStatus.SUCCEEDED) {
            this.progress = 1.0;
            this.phase = "done";
        }
        // status last (volatile): a reader that sees a final status also sees its outcome and finishedAt
        this.status = finalStatus;
        return true;
    }
}
