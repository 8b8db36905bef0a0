package com.fxdesk.slv.config;

import com.fxdesk.slv.jobs.JobsProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission and deadlines of synchronous engine work, and the readiness thresholds.
 *
 * @param deadline              a synchronous request's computation stops after this long (503 + Retry-After)
 * @param heavyCost             estimated cost (≈ path-steps: one Monte Carlo path over one time step) from which a
 *                              synchronous request counts as large; smaller ones are never queued or refused
 * @param maxHeavy              large synchronous requests running at once (0: the compute threads); one more is
 *                              refused at once with 429 + Retry-After so that small requests keep their latency
 * @param retryAfter            Retry-After sent with 429 / 503
 * @param readinessSaturation   readiness is DOWN when the compute saturation (the fuller of the large-request lane
 *                              and the job queue, in [0, 1]) is at or above this
 * @param readinessHeapFraction readiness is DOWN when the heap in use after the last full collection is above this
 *                              fraction of the maximum heap
 * @param maxRequests           synchronous computations in progress at once (small and large); one more is 503
 */
@ConfigurationProperties("slv.compute")
public record ComputeProperties(
        @DefaultValue("10s") Duration deadline,
        @DefaultValue("2000000") long heavyCost,
        @DefaultValue("0") int maxHeavy,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("1.0") double readinessSaturation,
        @DefaultValue("0.9") double readinessHeapFraction,
        @DefaultValue("200") int maxRequests) {

    public int effectiveMaxHeavy(JobsProperties jobs) {
        return maxHeavy > 0 ? maxHeavy : jobs.effectiveComputeThreads();
    }
}
