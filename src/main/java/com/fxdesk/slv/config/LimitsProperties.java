package com.fxdesk.slv.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on request size and work, enforced before any computation starts (400 naming the field, 413 for bodies).
 * Defaults are sized for the 2-core reference machine: a request at every limit still finishes in minutes.
 *
 * @param maxBodyBytes          request body size (413 beyond)
 * @param maxPillars            FX quote pillars, and grid expiries
 * @param maxCurvePoints        points of one rate curve
 * @param maxGridPoints         total strikes of a vol grid (all expiries)
 * @param maxMaturity           longest expiry / maturity in years
 * @param maxParticles          particles of the SLV calibration
 * @param maxJobWork            work of one SLV calibration job, calibration and round trip together, in particle-step
 *                              units ({@code SlvCalibrationInput.work}: particles × steps + regressions + round-trip
 *                              paths × steps); 2.5·10⁹ is about 18 s on 2 cores at the measured 1.35·10⁸ per second
 * @param maxPaths              Monte Carlo paths (pricing and round trip)
 * @param maxPathSteps          paths × time steps of one pricing Monte Carlo run
 * @param maxMcTimeSteps        time steps of one pricing Monte Carlo path (ceil(maturity·365 / timeStepDays) plus
 *                              product dates); each path's normals for all steps are held per worker
 * @param maxProducts           products in one pricing request
 * @param maxSpotGridSize       spot grid points per time of the leverage function
 * @param maxLeveragePoints     propagation steps × spot grid points: the leverage function a finished calibration
 *                              keeps in memory (8 bytes each); bounds one job's footprint in the job store
 * @param maxRegressionSamples  samples in a regression request
 * @param maxEvaluationPoints   evaluation points (regression evaluateAt, surface points)
 * @param maxLocalVolGridPoints times × spots of a requested local-vol grid
 * @param maxRbfUnits           RBF / PURBF units, and bins
 */
@ConfigurationProperties("slv.limits")
public record LimitsProperties(
        @DefaultValue("8388608") long maxBodyBytes,
        @DefaultValue("60") int maxPillars,
        @DefaultValue("200") int maxCurvePoints,
        @DefaultValue("10000") int maxGridPoints,
        @DefaultValue("30") double maxMaturity,
        @DefaultValue("100000") int maxParticles,
        @DefaultValue("2500000000") long maxJobWork,
        @DefaultValue("1000000") int maxPaths,
        @DefaultValue("200000000") long maxPathSteps,
        @DefaultValue("20000") int maxMcTimeSteps,
        @DefaultValue("200") int maxProducts,
        @DefaultValue("2000") int maxSpotGridSize,
        @DefaultValue("2500000") long maxLeveragePoints,
        @DefaultValue("150000") int maxRegressionSamples,
        @DefaultValue("10000") int maxEvaluationPoints,
        @DefaultValue("250000") int maxLocalVolGridPoints,
        @DefaultValue("1000") int maxRbfUnits) {
}
