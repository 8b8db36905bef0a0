package com.fxdesk.slv.jobs;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where jobs live and how replicas share them (docs/scale-out.md).
 *
 * @param store          memory (this replica only, the default) or hazelcast (a Hazelcast cluster all replicas share)
 * @param replicaId      this replica's name in leases (empty: host name and a random suffix)
 * @param lease          how long a running job stays claimed without a heartbeat; then another replica re-queues it
 * @param heartbeat      how often a replica renews its leases, publishes progress and reads cancel flags
 * @param maxAttempts    claims of one job before it fails for good (a job whose replicas keep dying)
 * @param localModels    finished calibrations kept in this replica's memory for pricing and charts; others are
 *                       rebuilt from their stored request (same seed, same bits)
 * @param maxBatchItems  items of one POST /api/v1/calibrations/batch
 * @param hazelcast      connection to the Hazelcast cluster (store=hazelcast)
 */
@ConfigurationProperties("slv.jobs")
public record JobStoreProperties(
        @DefaultValue("memory") String store,
        @DefaultValue("") String replicaId,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("8") int localModels,
        @DefaultValue("64") int maxBatchItems,
        @DefaultValue Hazelcast hazelcast) {

    /**
     * @param members        member addresses (host:port), e.g. the StatefulSet's headless service
     * @param clusterName    the cluster's name (members and clients must agree)
     * @param connectTimeout how long a replica tries to reach the cluster, at start and after losing it, before
     *                       it gives up (start fails; readiness stays down)
     */
    public record Hazelcast(@DefaultValue("127.0.0.1:5701") List<String> members,
                            @DefaultValue("slv") String clusterName,
                            @DefaultValue("60s") Duration connectTimeout) {
    }
}
