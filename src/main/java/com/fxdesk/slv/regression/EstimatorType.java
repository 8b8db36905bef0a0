package com.fxdesk.slv.regression;

/** The estimators of E[V | S] of SPEC.md section 5. */
public enum EstimatorType {
    NADARAYA_WATSON, LOCAL_LINEAR, RBF, PURBF, BINNING
}
