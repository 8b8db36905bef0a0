package com.fxdesk.slv.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Calibration jobs and the shared compute pool.
 *
 * @param computeThreads  threads of the one compute pool shared by all engine work (0: number of cores)
 * @param concurrentJobs  jobs running at once (each uses the whole compute pool for its parallel parts)
 * @param queueCapacity   jobs waiting to run; a submission beyond answers 429 with Retry-After
 * @param retryAfter      Retry-After sent with 429
 * @param maxFinished     finished jobs kept in memory (oldest evicted first)
 * @param ttl             how long a finished job stays retrievable
 * @param maxWait         longest {@code ?wait=true} waits before answering 202
 * @param shutdownGrace   on SIGTERM, how long running jobs may still finish before they are cancelled
 */
@ConfigurationProperties("slv.jobs")
public record JobsProperties(
        @DefaultValue("0") int computeThreads,
        @DefaultValue("1") int concurrentJobs,
        @DefaultValue("16") int queueCapacity,
        @DefaultValue("30s") Duration retryAfter,
        @DefaultValue("32") int maxFinished,
        @DefaultValue("1h") Duration ttl,
        @DefaultValue("60s") Duration maxWait,
        @DefaultValue("20s") Duration shutdownGrace) {

    public int effectiveComputeThreads() {
        return computeThreads > 0 ? computeThreads : Runtime.getRuntime().availableProcessors();
    }
}
