package com.fxdesk.slv.config;

import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.jobs.JobStoreProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LimitsProperties.class, JobsProperties.class, JobStoreProperties.class,
        QualityProperties.class, ComputeProperties.class, SurfaceCacheProperties.class})
public class PropertiesConfig {
}
