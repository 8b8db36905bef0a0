package com.fxdesk.slv.regression;

/** How RBF/PURBF units get their widths. */
public enum WidthRule {
    /** One width for all units: scale × the mean k-th-nearest-centre distance (comparable with KNN). */
    GLOBAL,
    /** h_j = scale × distance from c_j to its k-th nearest other centre. */
    KNN
}
