package com.fxdesk.slv.web.heston;

import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.market.MarketValidator;
import org.springframework.stereotype.Component;
/** Validation of Heston requests, and of Heston parameters wherever a request carries them. */
@Component
public class HestonRequestValidator {
    private final MarketValidator market;

    public HestonRequestValidator(MarketValidator market) {
        this.market = market;
    }

    public void validate(HestonCalibrationRequest r) {
        Violations v = new Violations();
        market.validate("market", r.market(), v);
        if (r.initialGuess() != null) {
            initialGuess("initialGuess", r.initialGuess(), v);
        }
        v.throwIfAny();
    }

    /** A calibration starting point must lie in the calibrator's own box, else the optimiser would start outside it. */
    private static void initialGuess(String path, HestonParamsDto h, Violations v) {
        v.range(path + ".v0", h.v0(), HestonCalibrator.V_MIN, false, HestonCalibrator.V_MAX);
        v.range(path + ".kappa", h.kappa(), HestonCalibrator.KAPPA_MIN, false, HestonCalibrator.KAPPA_MAX);
        v.range(path + ".theta", h.theta(), HestonCalibrator.V_MIN, false, HestonCalibrator.V_MAX);
        v.range(path + ".xi", h.xi(), HestonCalibrator.XI_MIN, false, HestonCalibrator.XI_MAX);
        v.range(path + ".rho", h.rho(), -HestonCalibrator.RHO_MAX, false, HestonCalibrator.RHO_MAX);
    }

    /** Model parameters given by hand (not a starting point): any admissible Heston model. */
    public static void heston(String path, HestonParamsDto h, Violations v) {
        v.range(path + ".v0", h.v0(), 0, true, 25);
        v.range(path + ".kappa", h.kappa(), 0, true, 1000);
        v.range(path + ".theta", h.theta(), 0, true, 25);
        v.range(path + ".xi", h.xi(), 0, false, 100);
        if (v.finite(path + ".rho", h.rho()) && !(h.rho() > -1 && h.rho() < 1)) {
            v.add(path + ".rho", "must be in (-1, 1)");
        }
    }
}
