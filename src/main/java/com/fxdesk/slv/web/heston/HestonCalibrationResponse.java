package com.fxdesk.slv.web.heston;

import com.fxdesk.slv.heston.HestonCalibrationResult;
import java.util.List;

/**
 * Heston fit: parameters, Feller ratio 2κθ/ξ², vol errors in bps, per-quote fit (errorBps = model − market;
 * quotes with {@code fitted: false} are below the pricer's resolution and excluded from the errors), and whether the
 * calibration's time budget cut the search short ({@code budgetReached}).
 */
public record HestonCalibrationResponse(HestonParamsDto parameters, double fellerRatio, double rmseVolBps,
                                        double maxErrorVolBps, List<HestonCalibrationResult.QuoteFit> quotes,
                                        int iterations, String startUsed, long elapsedMs, boolean budgetReached) {

    public static HestonCalibrationResponse of(HestonCalibrationResult r, long elapsedMs) {
        var p = r.parameters();
        return new HestonCalibrationResponse(new HestonParamsDto(p.v0(), p.kappa(), p.theta(), p.xi(), p.rho()),
                r.fellerRatio(), r.rmseVolBps(), r.maxErrorVolBps(), r.quotes(), r.iterations(), r.startUsed(),
                elapsedMs, r.budgetReached());
    }
}
