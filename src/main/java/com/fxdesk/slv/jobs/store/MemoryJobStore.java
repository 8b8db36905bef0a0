package com.fxdesk.slv.jobs.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One JVM's job store (slv.jobs.store=memory, the default): what a single replica needs and nothing survives a
 * restart. Every method holds the store's lock for a few map operations; the queue is a blocking queue of ids.
 */
public final class MemoryJobStore extends AbstractJobStore {
    private final Map<String, JobRecord> records = new HashMap<>();
    private final Map<String, String> requests = new HashMap<>();
    private final Map<String, byte[]> results = new HashMap<>();
    private final Map<String, Batch> batches = new HashMap<>();
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();

    private record Batch(String json, Instant expires) {
    }

    public MemoryJobStore(Clock clock) {
        super(clock);
    }

    @Override
    public synchronized boolean enqueue(List<NewJob> jobs, int capacity) {
        if (queue.size() + jobs.size() > capacity) {
            return false;
        }
        for (NewJob j : jobs) {
            records.put(j.record().id(), j.record());
            requests.put(j.record().id(), j.request());
        }
        for (NewJob j : jobs) {
            queue.add(j.record().id());
        }
        return true;
    }

    @Override
    public synchronized Optional<JobRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized Optional<String> request(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<byte[]> result(String id) {
        return Optional.ofNullable(results.get(id));
    }

    @Override
    public synchronized List<JobRecord> list(String client, String batchId) {
        return select(r -> r.visibleTo(client) && (batchId == null || batchId.equals(r.batchId())));
    }

    @Override
    public synchronized boolean remove(String id) {
        JobRecord r = records.get(id);
        if (r == null || !r.status().isFinal()) {
            return false;
        }
        drop(id);
        return true;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public synchronized void evict(Duration ttl, int maxFinished) {
        Instant cutoff = now().minus(ttl);
        List<JobRecord> done = select(r -> r.status().isFinal());
        done.sort(Comparator.comparing(JobRecord::finishedAt));
        int excess = done.size() - maxFinished;
        for (int i = 0; i < done.size(); i++) {
            if (i < excess || done.get(i).finishedAt().isBefore(cutoff)) {
                drop(done.get(i).id());
            }
        }
        Instant now = now();
        batches.values().removeIf(b -> b.expires().isBefore(now));
    }

    @Override
    public synchronized void putBatch(String id, String json, Duration ttl) {
        batches.put(id, new Batch(json, now().plus(ttl)));
    }

    @Override
    public synchronized Optional<String> batch(String id) {
        Batch b = batches.get(id);
        return b == null || b.expires().isBefore(now()) ? Optional.empty() : Optional.of(b.json());
    }

    @Override
    public String describe() {
        return "memory (this replica only)";
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void close() {
        // nothing to release: the maps go with the JVM
    }

    @Override
    protected synchronized Optional<Change> update(String id, UnaryOperator<JobRecord> f) {
        JobRecord before = records.get(id);
        if (before == null) {
            return Optional.empty();
        }
        JobRecord after = f.apply(before);
        if (after != null) {
            records.put(id, after);
        }
        return Optional.of(new Change(before, after));
    }

    @Override
    protected String pollQueue(Duration wait) throws InterruptedException {
        return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void offerQueue(String id) {
        queue.add(id);
    }

    @Override
    protected boolean inQueue(String id) {
        return queue.contains(id);
    }

    @Override
    protected synchronized Collection<JobRecord> expiredLeases(Instant now) {
        return select(r -> r.status() == JobStatus.RUNNING && r.leaseUntil() != null && r.leaseUntil().isBefore(now));
    }

    @Override
    protected synchronized Collection<JobRecord> queuedBefore(Instant before) {
        return select(r -> r.status() == JobStatus.QUEUED && r.updatedAt().isBefore(before));
    }

    @Override
    protected synchronized void putResult(String id, byte[] result, Duration ttl) {
        results.put(id, result);
    }

    @Override
    protected void finalised(String id, Duration ttl) {
        queue.remove(id); // a job cancelled while queued leaves room at once
        // the TTL is applied by evict(); the request stays so that the model can be rebuilt from it
    }

    private List<JobRecord> select(Predicate<JobRecord> p) {
        List<JobRecord> out = new ArrayList<>();
        for (JobRecord r : records.values()) {
            if (p.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private void drop(String id) {
        records.remove(id);
        requests.remove(id);
        results.remove(id);
        queue.remove(id);
    }
}
