package com.fxdesk.slv.regression;

/**
 * What an estimator used. Fields that do not apply to an estimator are NaN (or −1 for counts).
 *
 * @param estimator   estimator name, e.g. "PURBF"
 * @param bandwidth   kernel bandwidth h (kernel estimators) or the global width (RBF)
 * @param unitsKept   RBF units after pruning, or bins
 * @param meanWidth   mean RBF width
 * @param lambda      effective ridge parameter
 * @param conditionNumber condition number of the normal equations (RBF)
 * @param cvScore     leave-one-out CV score (mean squared error), when CV was used
 * @param fallbacks   evaluation points where local linear fell back to Nadaraya–Watson
 * @param floored     evaluation points floored to keep the output positive
 * @param elapsedMicros fit time
 */
public record RegressionDiagnostics(String estimator, double bandwidth, int unitsKept, double meanWidth,
                                    double lambda, double conditionNumber, double cvScore, long fallbacks,
                                    long floored, long elapsedMicros) {
}
