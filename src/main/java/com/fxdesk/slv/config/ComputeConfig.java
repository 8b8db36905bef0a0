package com.fxdesk.slv.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
        return Executors.newFixedThreadPool(jobs.effectiveComputeThreads(), named("slv-compute-"));
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
