package com.fxdesk.slv.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LimitsProperties.class, JobsProperties.class, QualityProperties.class,
        ComputeProperties.class})
public class PropertiesConfig {
}
