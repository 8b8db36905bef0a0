package com.fxdesk.slv.web.heston;

import com.fxdesk.slv.web.errors.FieldViolation;
import com.fxdesk.slv.web.errors.EngineRejectedException;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.web.surface.SurfaceService;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;

/** Heston calibration to a market's vanilla quotes. */
@Service
public class HestonService {
    private final SurfaceService surfaces;
    private final HestonCalibrator calibrator = new HestonCalibrator();

    public HestonService(SurfaceService surfaces) {
        this.surfaces = surfaces;
    }

    public HestonCalibrationResult calibrate(MarketData market, HestonParamsDto guess,
                                             HestonCalibrationRequest.Weighting weighting) {
        return calibrate(market.fx(), surfaces.vanillaQuotes(market), guess, weighting);
    }

    public HestonCalibrationResult calibrate(MarketData market, HestonParamsDto guess,
                                             HestonCalibrationRequest.Weighting weighting, BooleanSupplier cancelled) {
        return calibrate(market.fx(), surfaces.vanillaQuotes(market), guess, weighting, cancelled);
    }

    public HestonCalibrationResult calibrate(FxMarket fx, List<CalibrationQuote> quotes, HestonParamsDto guess,
                                             HestonCalibrationRequest.Weighting weighting) {
        return calibrate(fx, quotes, guess, weighting, null);
    }

    /** As above; {@code cancelled} (nullable) lets a job's DELETE stop the fit between pricings. */
    public HestonCalibrationResult calibrate(FxMarket fx, List<CalibrationQuote> quotes, HestonParamsDto guess,
                                             HestonCalibrationRequest.Weighting weighting, BooleanSupplier cancelled) {
        HestonCalibrator.Weighting w = weighting == HestonCalibrationRequest.Weighting.VEGA
                ? HestonCalibrator.Weighting.VEGA_WEIGHTED_PRICE : HestonCalibrator.Weighting.IMPLIED_VOL;
        return calibrator.calibrate(fx, quotes, toEngine(guess), w, cancelled);
    }

    /** A Heston fit the engine refused (e.g. its pricing's work cap) as a 422 naming the quotes it was fitted to. */
    public static EngineRejectedException fitRefused(IllegalArgumentException e) {
        String msg = "the Heston fit to this market failed: " + e.getMessage();
        return new EngineRejectedException(msg, List.of(new FieldViolation("market.volatility", msg)));
    }

    public static HestonParameters toEngine(HestonParamsDto h) {
        return h == null ? null : new HestonParameters(h.v0(), h.kappa(), h.theta(), h.xi(), h.rho());
    }
}
