package com.fxdesk.slv.config;

import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.parallel.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one bounded compute pool (slv.jobs.compute-threads, default = cores) that every engine call receives:
 * synchronous requests and jobs share it, so the service never runs more CPU-bound threads than it was given.
 */
@Configuration(proxyBeanMethods = false)
public class ComputeConfig {

    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService slvComputePool(JobsProperties jobs) {
        return Executors.newFixedThreadPool(jobs.effectiveComputeThreads(), DaemonThreads.named("slv-compute-"));
    }

}
