package com.fxdesk.slv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.jobs.store.HazelcastJobStore;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.jobs.store.StoreMembers;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM with a shared store (a real Hazelcast member): a job still running after the grace period is given back
 * to the queue, not cancelled, and queued jobs stay queued, so that another replica runs them.
 */
class SharedStoreShutdownTest {

    @Test
    void runningJobsGoBackToTheQueueAndQueuedOnesStay() throws Exception {
        HazelcastInstance member = StoreMembers.member(null);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        CountDownLatch started = new CountDownLatch(1);
        JobHandler<Void> handler = new JobHandler<>() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public Class<Void> modelType() {
                return Void.class;
            }

            @Override
            public JobTask<Void> task(String request) {
                return ctx -> {
                    started.countDown();
                    while (!ctx.cancelled().getAsBoolean()) {
                        Thread.sleep(5);
                    }
                    throw new java.util.concurrent.CancellationException();
                };
            }
        };
        HazelcastJobStore store = new HazelcastJobStore(StoreMembers.client(member), true, "test", Clock.systemUTC());
        JobService s = new JobService(new JobsProperties(1, 1, 8, Duration.ofSeconds(1), 8, Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofSeconds(5)), new JobStoreProperties("hazelcast", "leaving",
                Duration.ofSeconds(30), Duration.ofMillis(100), 3, 2, 8, null), store, pool,
                new SimpleMeterRegistry(), List.of(handler), JsonMapper.builder().build());
        try {
            JobRecord running = s.submit("test", "alice", "{}");
            JobRecord queued = s.submit("test", "alice", "{}");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            List<JobRecord> open = s.shutdown(Duration.ofMillis(200));
            assertThat(open).extracting(JobRecord::id).containsExactly(running.id());
            JobRecord back = store.get(running.id()).orElseThrow();
            assertThat(back.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(back.worker()).isNull();
            assertThat(store.get(queued.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
            assertThat(store.queuedIds()).contains(running.id(), queued.id());
        } finally {
            s.destroy();
            store.close();
            pool.shutdownNow();
            member.shutdown();
        }
    }
}
