package com.fxdesk.slv.jobs.store;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Jobs in a Hazelcast cluster (slv.jobs.store=hazelcast), shared by every replica connected to it: records in an
 * IMap (compact-serialised, updated by compare-and-set), the queue an IQueue of ids, requests and results in
 * their own maps so that heartbeats and lists never move them. Finished jobs carry a TTL, so the cluster forgets
 * them by itself. The instance is normally a client of a separate cluster, so the jobs outlive every replica.
 */
public final class HazelcastJobStore extends AbstractJobStore {
    public static final String RECORDS = "slv-jobs";
    public static final String REQUESTS = "slv-job-requests";
    public static final String RESULTS = "slv-job-results";
    public static final String BATCHES = "slv-batches";
    public static final String QUEUE = "slv-job-queue";

    private final HazelcastInstance hz;
    private final boolean owned;
    private final String description;
    private final IMap<String, JobRecord> records;
    private final IMap<String, String> requests;
    private final IMap<String, byte[]> results;
    private final IMap<String, String> batches;
    private final IQueue<String> queue;

    /** owned: close() shuts the instance down (it was made for this store); description: for logs. */
    public HazelcastJobStore(HazelcastInstance hz, boolean owned, String description, Clock clock) {
        super(clock);
        this.hz = hz;
        this.owned = owned;
        this.description = description;
        this.records = hz.getMap(RECORDS);
        this.requests = hz.getMap(REQUESTS);
        this.results = hz.getMap(RESULTS);
        this.batches = hz.getMap(BATCHES);
        this.queue = hz.getQueue(QUEUE);
    }

    @Override
    public boolean enqueue(List<NewJob> jobs, int capacity) {
        // a bound, not a cluster-wide transaction: replicas submitting at the same instant may overshoot it a little
        if (queue.size() + jobs.size() > capacity) {
            return false;
        }
        for (NewJob j : jobs) {
            requests.set(j.record().id(), j.request());
            records.set(j.record().id(), j.record());
        }
        for (NewJob j : jobs) {
            queue.offer(j.record().id());
        }
        return true;
    }

    @Override
    public Optional<JobRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public Optional<String> request(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public Optional<byte[]> result(String id) {
        return Optional.ofNullable(results.get(id));
    }

    @Override
    public List<JobRecord> list(String client, String batchId) {
        Predicate<String, JobRecord> visible = Predicates.equal("owner", client);
        Predicate<String, JobRecord> p = batchId == null ? visible
                : Predicates.and(Predicates.equal("batchId", batchId), visible);
        List<JobRecord> out = new ArrayList<>();
        for (JobRecord r : records.values(p)) {
            if (r.visibleTo(client) && (batchId == null || batchId.equals(r.batchId()))) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public boolean remove(String id) {
        JobRecord r = records.get(id);
        if (r == null || !r.status().isFinal() || !records.remove(id, r)) {
            return false;
        }
        requests.delete(id);
        results.delete(id);
        return true;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public void evict(Duration ttl, int maxFinished) {
        // finished entries carry their own TTL; the members' map configuration bounds their number and size
    }

    @Override
    public void putBatch(String id, String json, Duration ttl) {
        batches.set(id, json, ttl.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> batch(String id) {
        return Optional.ofNullable(batches.get(id));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean available() {
        return hz.getLifecycleService().isRunning() && !hz.getCluster().getMembers().isEmpty();
    }

    @Override
    public void close() {
        if (owned && hz.getLifecycleService().isRunning()) {
            hz.shutdown();
        }
    }

    @Override
    protected Optional<Change> update(String id, UnaryOperator<JobRecord> f) {
        // optimistic: replace(key, expected, new) succeeds only if nobody wrote the record since we read it
        while (true) {
            JobRecord before = records.get(id);
            if (before == null) {
                return Optional.empty();
            }
            JobRecord after = f.apply(before);
            if (after == null) {
                return Optional.of(new Change(before, null));
            }
            if (records.replace(id, before, after)) {
                return Optional.of(new Change(before, after));
            }
        }
    }

    @Override
    protected String pollQueue(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void offerQueue(String id) {
        queue.offer(id);
    }

    @Override
    protected boolean inQueue(String id) {
        return queue.contains(id);
    }

    @Override
    protected Collection<JobRecord> expiredLeases(Instant now) {
        return records.values(Predicates.and(Predicates.equal("status", JobStatus.RUNNING.name()),
                Predicates.lessThan("leaseUntil", now.toEpochMilli())));
    }

    @Override
    protected Collection<JobRecord> queuedBefore(Instant before) {
        return records.values(Predicates.and(Predicates.equal("status", JobStatus.QUEUED.name()),
                Predicates.lessThan("updatedAt", before.toEpochMilli())));
    }

    @Override
    protected void putResult(String id, byte[] result, Duration ttl) {
        results.set(id, result, ttl.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void finalised(String id, Duration ttl) {
        queue.remove(id); // a job cancelled while queued leaves room at once
        records.setTtl(id, ttl.toMillis(), TimeUnit.MILLISECONDS);
        requests.setTtl(id, ttl.toMillis(), TimeUnit.MILLISECONDS);
    }
}
