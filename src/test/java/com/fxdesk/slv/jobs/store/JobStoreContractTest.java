package com.fxdesk.slv.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The rules every job store follows, run against each implementation (a real Hazelcast member, never a mock). */
abstract class JobStoreContractTest {
    static final Duration TTL = Duration.ofHours(1);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(2);

    abstract AbstractJobStore store();

    static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    static JobStore.NewJob job(String owner, String batch) {
        return new JobStore.NewJob(JobRecord.queued(UUID.randomUUID().toString(), "test", owner, batch,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)), "{\"n\":1}");
    }

    private void drain() throws InterruptedException {
        while (store().claim("drain", LEASE, Duration.ofMillis(50)).isPresent()) {
            // leave no queued job from an earlier test of a shared store
        }
    }

    @Test
    void lifecycleFromQueueToResult() throws Exception {
        drain();
        JobStore s = store();
        JobStore.NewJob j = job(null, null);
        String id = j.record().id();
        assertThat(s.enqueue(List.of(j), 10)).isTrue();
        assertThat(s.get(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(s.request(id)).hasValue("{\"n\":1}");

        JobRecord claimed = s.claim("a", LEASE, WAIT).orElseThrow();
        assertThat(claimed.id()).isEqualTo(id);
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.worker()).isEqualTo("a");
        assertThat(claimed.attempts()).isEqualTo(1);

        JobRecord beat = s.heartbeat(id, "a", 0.4, "leverage", LEASE).orElseThrow();
        assertThat(beat.progress()).isEqualTo(0.4);
        assertThat(beat.phase()).isEqualTo("leverage");
        assertThat(s.heartbeat(id, "b", 0.9, "x", LEASE)).as("only the lease holder beats").isEmpty();
        assertThat(s.finish(id, "b", JobStatus.SUCCEEDED, null, b("{}"), TTL)).isFalse();

        assertThat(s.finish(id, "a", JobStatus.SUCCEEDED, null, b("{\"r\":2}"), TTL)).isTrue();
        JobRecord done = s.get(id).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.worker()).as("who ran it").isEqualTo("a");
        assertThat(s.result(id).map(JobStoreContractTest::text)).hasValue("{\"r\":2}");
        assertThat(s.finish(id, "a", JobStatus.FAILED, "late", null, TTL)).as("final is final").isFalse();
        assertThat(s.remove(id)).isTrue();
        assertThat(s.get(id)).isEmpty();
        assertThat(s.result(id)).isEmpty();
    }

    @Test
    void eachQueuedJobIsClaimedExactlyOnceByConcurrentWorkers() throws Exception {
        drain();
        List<JobStore.NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            jobs.add(job(null, null));
        }
        assertThat(store().enqueue(jobs, 100)).isTrue();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                fs.add(workers.submit(() -> {
                    Optional<JobRecord> r;
                    while ((r = store().claim(worker, LEASE, Duration.ofMillis(300))).isPresent()) {
                        if (!seen.add(r.get().id())) {
                            duplicates.add(r.get().id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(jobs.stream().map(j -> j.record().id()).toList());
    }

    @Test
    void capacityIsAllOrNone() throws Exception {
        drain();
        JobStore s = store();
        assertThat(s.enqueue(List.of(job(null, null), job(null, null)), 3)).isTrue();
        List<JobStore.NewJob> two = List.of(job(null, null), job(null, null));
        assertThat(s.enqueue(two, 3)).isFalse();
        assertThat(s.get(two.get(0).record().id())).isEmpty();
        assertThat(s.queued()).isEqualTo(2);
        drain();
    }

    @Test
    void cancelQueuedAtOnceAndRunningByFlag() throws Exception {
        drain();
        JobStore s = store();
        JobStore.NewJob a = job(null, null);
        JobStore.NewJob b = job(null, null);
        s.enqueue(List.of(a, b), 10);
        JobRecord running = s.claim("w", LEASE, WAIT).orElseThrow();
        String queuedId = running.id().equals(a.record().id()) ? b.record().id() : a.record().id();

        JobRecord cancelled = s.cancel(queuedId, TTL).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(s.queued()).as("a cancelled job leaves the queue").isZero();
        assertThat(s.claim("w", LEASE, Duration.ofMillis(200))).isEmpty();

        JobRecord flagged = s.cancel(running.id(), TTL).orElseThrow();
        assertThat(flagged.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(s.heartbeat(running.id(), "w", 0.5, "p", LEASE).orElseThrow().cancelRequested()).isTrue();
        assertThat(s.finish(running.id(), "w", JobStatus.CANCELLED, "cancelled", null, TTL)).isTrue();
        assertThat(s.cancel("no-such-job", TTL)).isEmpty();
    }

    @Test
    void anExpiredLeaseIsRequeuedAndTheOldHolderLosesIt() throws Exception {
        drain();
        JobStore s = store();
        JobStore.NewJob j = job(null, null);
        s.enqueue(List.of(j), 10);
        Duration shortLease = Duration.ofMillis(200);
        JobRecord first = s.claim("dead", shortLease, WAIT).orElseThrow();
        assertThat(s.recover(3, shortLease, TTL)).as("lease still valid").isZero();
        Thread.sleep(400);
        assertThat(s.recover(3, shortLease, TTL)).isEqualTo(1);
        JobRecord again = s.claim("alive", LEASE, WAIT).orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(s.heartbeat(first.id(), "dead", 0.9, "late", LEASE)).isEmpty();
        assertThat(s.finish(first.id(), "dead", JobStatus.SUCCEEDED, null, b("{}"), TTL)).isFalse();
        assertThat(s.finish(first.id(), "alive", JobStatus.SUCCEEDED, null, b("{}"), TTL)).isTrue();
    }

    @Test
    void aJobWhoseReplicasKeepDyingFailsAfterMaxAttempts() throws Exception {
        drain();
        JobStore s = store();
        JobStore.NewJob j = job(null, null);
        s.enqueue(List.of(j), 10);
        Duration shortLease = Duration.ofMillis(100);
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(s.claim("r" + attempt, shortLease, WAIT)).isPresent();
            Thread.sleep(250);
            s.recover(2, shortLease, TTL);
        }
        JobRecord failed = s.get(j.record().id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).contains("stopped 2 times");
    }

    @Test
    void releasedJobsAreQueuedAgainAtOnce() throws Exception {
        drain();
        JobStore s = store();
        JobStore.NewJob j = job(null, null);
        s.enqueue(List.of(j), 10);
        s.claim("leaving", LEASE, WAIT).orElseThrow();
        s.release(j.record().id(), "leaving", TTL);
        assertThat(s.get(j.record().id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        JobRecord next = s.claim("staying", LEASE, WAIT).orElseThrow();
        assertThat(next.id()).isEqualTo(j.record().id());
        assertThat(next.attempts()).as("a release is not a lost attempt").isEqualTo(1);
    }

    @Test
    void aQueueEntryLostBetweenPollAndClaimIsOfferedAgain() throws Exception {
        drain();
        AbstractJobStore s = store();
        JobStore.NewJob j = job(null, null);
        s.enqueue(List.of(j), 10);
        assertThat(s.pollQueue(WAIT)).isEqualTo(j.record().id()); // a replica took the id, then died
        Thread.sleep(300);
        assertThat(s.recover(3, Duration.ofMillis(100), TTL)).isEqualTo(1);
        assertThat(s.claim("w", LEASE, WAIT).orElseThrow().id()).isEqualTo(j.record().id());
    }

    @Test
    void listsFilterByOwnerAndBatch() throws Exception {
        drain();
        JobStore s = store();
        String batch = UUID.randomUUID().toString();
        String alice = "alice-" + UUID.randomUUID();
        JobStore.NewJob mine = job(alice, batch);
        JobStore.NewJob theirs = job("bob-" + UUID.randomUUID(), batch);
        JobStore.NewJob anonymous = job(null, batch);
        s.enqueue(List.of(mine, theirs, anonymous), 10);
        assertThat(s.list(alice, batch)).extracting(JobRecord::id).containsExactly(mine.record().id());
        assertThat(s.list(null, batch)).extracting(JobRecord::id).containsExactly(anonymous.record().id());
        assertThat(s.list(alice, null)).extracting(JobRecord::id).contains(mine.record().id())
                .doesNotContain(theirs.record().id());
        s.putBatch(batch, "{\"b\":1}", TTL);
        assertThat(s.batch(batch)).hasValue("{\"b\":1}");
        drain();
    }
}
