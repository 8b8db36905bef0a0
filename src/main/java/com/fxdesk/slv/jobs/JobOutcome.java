package com.fxdesk.slv.jobs;

/**
 * A finished job's result: {@code view} is what the API returns, {@code internal} what later requests reuse
 * (e.g. the engine's calibration result for pricing by calibrationId).
 */
public record JobOutcome(Object view, Object internal) {
}
