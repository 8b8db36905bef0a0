package com.fxdesk.slv.config;

import com.fxdesk.slv.calibration.QualityVerdict;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the quality verdict on every finished calibration ({@link QualityVerdict}); defaults are
 * {@link QualityVerdict.Thresholds#defaults()}.
 *
 * @param resolutionBps default standard-error threshold (vol bp) for a round-trip point to count as resolved
 * @param passRmsBps    resolved RMS at most this for PASS
 * @param passMaxBps    resolved max at most this for PASS
 * @param failRmsBps    resolved RMS above this is FAIL
 * @param failMaxBps    resolved max above this is FAIL
 */
@ConfigurationProperties("slv.quality")
public record QualityProperties(
        @DefaultValue("1") double resolutionBps,
        @DefaultValue("3") double passRmsBps,
        @DefaultValue("8") double passMaxBps,
        @DefaultValue("9") double failRmsBps,
        @DefaultValue("24") double failMaxBps) {

    public QualityVerdict.Thresholds thresholds(Double resolution) {
        return new QualityVerdict.Thresholds(resolution != null ? resolution : resolutionBps, passRmsBps, passMaxBps,
                failRmsBps, failMaxBps);
    }
}
