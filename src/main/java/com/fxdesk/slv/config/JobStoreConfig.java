package com.fxdesk.slv.config;

import com.fxdesk.slv.jobs.JobStoreProperties;
import com.fxdesk.slv.jobs.store.HazelcastJobStore;
import com.fxdesk.slv.jobs.store.JobRecordSerializer;
import com.fxdesk.slv.jobs.store.JobStore;
import com.fxdesk.slv.jobs.store.MemoryJobStore;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job store chosen by slv.jobs.store: memory (default) or a client of a Hazelcast cluster. */
@Configuration(proxyBeanMethods = false)
public class JobStoreConfig {
    private static final Logger LOG = LoggerFactory.getLogger(JobStoreConfig.class);

    @Bean(destroyMethod = "close")
    public JobStore jobStore(JobStoreProperties props) {
        String kind = props.store().trim().toLowerCase(Locale.ROOT);
        JobStore store = switch (kind) {
            case "memory" -> new MemoryJobStore(Clock.systemUTC());
            case "hazelcast" -> hazelcast(props);
            default -> throw new IllegalStateException("slv.jobs.store must be memory or hazelcast, not '"
                    + props.store() + "'");
        };
        LOG.info("job store: {}", store.describe());
        return store;
    }

    private static JobStore hazelcast(JobStoreProperties props) {
        JobStoreProperties.Hazelcast h = props.hazelcast();
        ClientConfig config = clientConfig(h);
        if (!props.replicaId().isBlank()) {
            config.setInstanceName("slv-" + props.replicaId());
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        return new HazelcastJobStore(client, true,
                "hazelcast cluster '" + h.clusterName() + "' at " + String.join(",", h.members()), Clock.systemUTC());
    }

    /** A client of the cluster: no member role (replicas hold no data), reconnects after losing the cluster. */
    public static ClientConfig clientConfig(JobStoreProperties.Hazelcast h) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(h.clusterName());
        c.getNetworkConfig().setAddresses(h.members());
        c.getConnectionStrategyConfig().setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(h.connectTimeout().toMillis());
        c.getSerializationConfig().getCompactSerializationConfig().addSerializer(new JobRecordSerializer());
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        return c;
    }
}
