package com.fxdesk.slv.config;

import com.fxdesk.slv.calibration.QualityVerdict;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Thresholds of the quality verdict on every finished calibration ({@link QualityVerdict}), each overriding the
 * engine's default ({@link QualityVerdict.Thresholds#defaults()}, their one home) when set.
 *
 * @param resolutionBps standard-error threshold (vol bp) for a round-trip point to count as resolved
 * @param passRmsBps    resolved RMS at most this for PASS
 * @param passMaxBps    resolved max at most this for PASS
 * @param failRmsBps    resolved RMS above this is FAIL
 * @param failMaxBps    resolved max above this is FAIL
 */
@ConfigurationProperties("slv.quality")
public record QualityProperties(Double resolutionBps, Double passRmsBps, Double passMaxBps, Double failRmsBps,
                                Double failMaxBps) {

    /** The service's thresholds: the engine's defaults with what is configured in their place. */
    public QualityVerdict.Thresholds thresholds() {
        QualityVerdict.Thresholds d = QualityVerdict.Thresholds.defaults();
        return new QualityVerdict.Thresholds(or(resolutionBps, d.resolutionBps()), or(passRmsBps, d.passRmsBps()),
                or(passMaxBps, d.passMaxBps()), or(failRmsBps, d.failRmsBps()), or(failMaxBps, d.failMaxBps()));
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
