package com.fxdesk.slv.random;

/** Source of the Gaussian draws: randomised Sobol with Brownian bridge, or seeded pseudo-random streams. */
public enum SequenceType { SOBOL, PSEUDO }
