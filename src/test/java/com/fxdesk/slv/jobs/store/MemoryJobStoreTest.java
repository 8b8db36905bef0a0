package com.fxdesk.slv.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryJobStoreTest extends JobStoreContractTest {
    private final MemoryJobStore store = new MemoryJobStore(Clock.systemUTC());

    @Override
    AbstractJobStore store() {
        return store;
    }

    @Test
    void evictsFinishedJobsBeyondTheirNumberAndTtl() throws Exception {
        for (int i = 0; i < 3; i++) {
            JobStore.NewJob j = job(null, null);
            store.enqueue(List.of(j), 10);
            store.claim("w", LEASE, WAIT).orElseThrow();
            store.finish(j.record().id(), "w", JobStatus.SUCCEEDED, null, b("{}"), TTL);
            Thread.sleep(5);
        }
        JobStore.NewJob running = job(null, null);
        store.enqueue(List.of(running), 10);
        store.claim("w", LEASE, WAIT).orElseThrow();
        store.evict(TTL, 2);
        assertThat(store.list(null, null)).hasSize(3);
        store.evict(Duration.ZERO.minusMillis(1), 10);
        assertThat(store.list(null, null)).extracting(JobRecord::id).containsExactly(running.record().id());
    }
}
