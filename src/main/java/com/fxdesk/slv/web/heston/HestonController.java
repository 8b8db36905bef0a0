package com.fxdesk.slv.web.heston;

import com.fxdesk.slv.market.MarketDataException;
import com.fxdesk.slv.web.support.CostEstimate;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.web.market.MarketMapper;
import com.fxdesk.slv.web.support.ComputeGate;
import com.fxdesk.slv.web.support.EngineMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@RequestMapping(path = "/api/v1/heston", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Heston")
public class HestonController {
    private final HestonRequestValidator validator;
    private final HestonService heston;
    private final ComputeGate gate;
    private final EngineMetrics metrics;

    public HestonController(HestonRequestValidator validator, HestonService heston, ComputeGate gate,
                            EngineMetrics metrics) {
        this.validator = validator;
        this.heston = heston;
        this.gate = gate;
        this.metrics = metrics;
    }

    @Operation(summary = "Calibrate Heston (v0, kappa, theta, xi, rho) to the vanilla surface",
            description = "Levenberg–Marquardt in implied vol (default) or vega-weighted price; reports the Feller "
                    + "ratio and the fit per quote in basis points of vol.")
    @PostMapping(path = "/calibration", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DeferredResult<HestonCalibrationResponse> calibrate(@RequestBody HestonCalibrationRequest request) {
        validator.validate(request);
        MarketData market = MarketMapper.toEngine(request.market());
        long t0 = System.nanoTime();
        return gate.submit(CostEstimate.HESTON_CALIBRATION + CostEstimate.SURFACE, cancelled -> {
            HestonCalibrationResult result;
            try {
                result = metrics.phase("heston",
                        () -> heston.calibrate(market, request.initialGuess(), request.weighting(), cancelled));
            } catch (MarketDataException e) {
                throw e; // names its pillar
            } catch (IllegalArgumentException e) {
                throw HestonService.fitRefused(e); // the fit to the market's quotes failed: name them
            }
            return HestonCalibrationResponse.of(result, (System.nanoTime() - t0) / 1_000_000);
        });
    }
}
