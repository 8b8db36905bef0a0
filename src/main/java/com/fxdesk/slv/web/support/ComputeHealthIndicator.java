package com.fxdesk.slv.web.support;

import com.fxdesk.slv.config.ComputeProperties;
import com.fxdesk.slv.jobs.JobService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness that tells the truth (group readiness: {@code /actuator/health/readiness}): OUT_OF_SERVICE when the
 * compute saturation — the fuller of the large-request lane and the job queue — reaches
 * {@code slv.compute.readiness-saturation}, or when the heap still in use after the last collection exceeds
 * {@code slv.compute.readiness-heap-fraction} of the maximum heap. A load balancer then sends new work elsewhere;
 * liveness stays UP (the process is fine, only busy).
 */
@Component("compute")
public class ComputeHealthIndicator implements HealthIndicator {
    private final ComputeGate gate;
    private final JobService jobs;
    private final ComputeProperties props;

    public ComputeHealthIndicator(ComputeGate gate, JobService jobs, ComputeProperties props) {
        this.gate = gate;
        this.jobs = jobs;
        this.props = props;
    }

    @Override
    public Health health() {
        double saturation = Math.max(gate.saturation(), jobs.queueFill());
        double heap = heapAfterGc();
        boolean ok = saturation < props.readinessSaturation() && heap <= props.readinessHeapFraction();
        return (ok ? Health.up() : Health.outOfService())
                .withDetail("saturation", round(saturation))
                .withDetail("heapAfterGc", round(heap))
                .withDetail("jobsRunning", jobs.runningCount())
                .build();
    }

    /** Heap in use after the last collection of each heap pool, over the maximum heap (0 before any collection). */
    static double heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
                MemoryUsage u = pool.getCollectionUsage();
                if (u != null) {
                    used += u.getUsed();
                }
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return max > 0 && max != Long.MAX_VALUE ? used / (double) max : 0;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
