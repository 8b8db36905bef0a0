package com.fxdesk.slv.jobs.store;

import com.fxdesk.slv.config.JobStoreConfig;
import com.fxdesk.slv.jobs.JobStoreProperties;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.YamlConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Real Hazelcast members started in this JVM for tests (no mock): loopback only, TCP/IP join, no multicast, a
 * cluster name of their own so that concurrent test runs on one machine never join each other.
 */
public final class StoreMembers {
    private StoreMembers() {
    }

    /**
     * A member of a new cluster (or of clusterName if given) on the first free port of 5801–5809, configured by
     * the deployment's own member file (deploy/hazelcast.yaml: map backups, eviction) with the network made local.
     */
    public static HazelcastInstance member(String clusterName) {
        Config c;
        try {
            c = new YamlConfigBuilder(Files.newInputStream(Path.of("deploy/hazelcast.yaml"))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.setClusterName(clusterName != null ? clusterName : "slv-test-" + UUID.randomUUID());
        c.setInstanceName("store-member-" + UUID.randomUUID());
        c.getNetworkConfig().setPort(5801).setPortAutoIncrement(true).setPortCount(9);
        c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = c.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1"));
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        // a test member must not wait seconds for others before it serves
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        return Hazelcast.newHazelcastInstance(c);
    }

    /** host:port of a member, for clients. */
    public static String address(HazelcastInstance member) {
        InetSocketAddress a = (InetSocketAddress) member.getCluster().getLocalMember().getSocketAddress();
        return "127.0.0.1:" + a.getPort();
    }

    /** The connection settings a replica would be given for this member. */
    public static JobStoreProperties.Hazelcast connection(HazelcastInstance member) {
        return new JobStoreProperties.Hazelcast(List.of(address(member)), member.getConfig().getClusterName(),
                Duration.ofSeconds(20));
    }

    /** A client of the member's cluster, configured exactly as a replica's. */
    public static HazelcastInstance client(HazelcastInstance member) {
        return HazelcastClient.newHazelcastClient(JobStoreConfig.clientConfig(connection(member)));
    }
}
