package com.fxdesk.slv.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against a real Hazelcast member in this JVM, reached as the replicas reach it: as a client. */
class HazelcastJobStoreTest extends JobStoreContractTest {
    private static HazelcastInstance member;
    private static HazelcastJobStore store;

    @BeforeAll
    static void start() {
        member = StoreMembers.member(null);
        store = new HazelcastJobStore(StoreMembers.client(member), true, "test", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        store.close();
        member.shutdown();
    }

    @Override
    AbstractJobStore store() {
        return store;
    }

    @Test
    void finishedJobsOutliveTheClientThatWroteThem() throws Exception {
        JobStore.NewJob j = job("owner", null);
        store.enqueue(List.of(j), 10);
        store.claim("w", LEASE, WAIT).orElseThrow();
        store.finish(j.record().id(), "w", JobStatus.SUCCEEDED, null, b("{\"x\":1}"), TTL);
        try (HazelcastJobStore other = new HazelcastJobStore(StoreMembers.client(member), true, "second",
                Clock.systemUTC())) {
            assertThat(other.get(j.record().id()).orElseThrow()).isEqualTo(store.get(j.record().id()).orElseThrow());
            assertThat(other.result(j.record().id()).map(JobStoreContractTest::text)).hasValue("{\"x\":1}");
        }
        assertThat(store.available()).isTrue();
        assertThat(member.getMap(HazelcastJobStore.RECORDS).getEntryView(j.record().id()).getTtl())
                .as("a finished job expires by itself").isEqualTo(TTL.toMillis());
    }
}
