package com.fxdesk.slv.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache of built implied-vol surfaces, keyed by the market's whole content (docs/hardening.md, "Surface cache").
 *
 * @param maxEntries surfaces kept (Caffeine evicts by recency and frequency beyond it); 0 disables the cache (every request builds)
 */
@ConfigurationProperties("slv.surface-cache")
public record SurfaceCacheProperties(@DefaultValue("16") int maxEntries) {

    public SurfaceCacheProperties {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("slv.surface-cache.max-entries must be ≥ 0, got " + maxEntries);
        }
    }
}
