package com.fxdesk.slv.calibration;

/** The phases of one SLV calibration, in the order they run; progress reports name the one in force. */
public enum Phase {
    /** Implied-vol surface and Dupire local vol. */
    LOCAL_VOL("localVol"),
    /** Heston fit to the vanilla quotes (skipped when the parameters are given). */
    HESTON("heston"),
    /** The particle method: the leverage function. */
    PARTICLES("particles"),
    /** The independent Monte Carlo repricing of the vanillas. */
    ROUND_TRIP("roundTrip");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The name the service reports (job phase, metrics tag). */
    public String label() {
        return label;
    }
}
