package com.fxdesk.slv.config;

import com.fxdesk.slv.jobs.store.JobStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health "jobStore", part of the readiness group: a replica that has lost the shared store takes no traffic (it
 * could neither queue nor show jobs) but stays alive (liveness does not include it) and reconnects by itself.
 */
@Component("jobStoreHealthIndicator") // shown as "jobStore" in /actuator/health
public class JobStoreHealth implements HealthIndicator {
    private final JobStore store;

    public JobStoreHealth(JobStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        boolean up;
        try {
            up = store.available();
        } catch (RuntimeException e) {
            up = false;
        }
        return (up ? Health.up() : Health.down()).withDetail("store", store.describe()).build();
    }
}
