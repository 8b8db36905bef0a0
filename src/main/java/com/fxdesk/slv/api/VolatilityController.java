package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.SurfaceRequest;
import com.fxdesk.slv.config.LimitsProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/volatility", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Volatility")
public class VolatilityController {
    private final MarketValidator marketValidator;
    private final LimitsProperties limits;

    public VolatilityController(MarketValidator marketValidator, LimitsProperties limits) {
        this.marketValidator = marketValidator;
        this.limits = limits;
    }

    @Operation(summary = "Build the implied-vol surface, local vol and arbitrage report from market quotes")
    @PostMapping(path = "/surface", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> surface(@RequestBody SurfaceRequest request) {
        validate(request);
        throw ApiProblemException.unavailable("Volatility surface construction");
    }

    void validate(SurfaceRequest r) {
        Violations v = new Violations();
        marketValidator.validate("market", r.market(), v);
        List<SurfaceRequest.SurfacePoint> points = r.points();
        if (points != null && v.list("points", points, limits.maxEvaluationPoints())) {
            for (int i = 0; i < points.size(); i++) {
                String p = "points[" + i + "]";
                if (v.required(p, points.get(i))) {
                    v.range(p + ".expiry", points.get(i).expiry(), 0, true, limits.maxMaturity());
                    v.positive(p + ".strike", points.get(i).strike());
                }
            }
        }
        SurfaceRequest.LocalVolGridRequest g = r.localVolGrid();
        if (g != null) {
            boolean t = v.list("localVolGrid.times", g.times(), limits.maxLocalVolGridPoints())
                    && v.numbers("localVolGrid.times", g.times(), true, true);
            boolean s = v.list("localVolGrid.spots", g.spots(), limits.maxLocalVolGridPoints())
                    && v.numbers("localVolGrid.spots", g.spots(), true, true);
            if (t && s && (long) g.times().size() * g.spots().size() > limits.maxLocalVolGridPoints()) {
                v.add("localVolGrid", "times × spots = " + (long) g.times().size() * g.spots().size()
                        + " points; the limit is " + limits.maxLocalVolGridPoints());
            }
            if (t && g.times().get(g.times().size() - 1) > limits.maxMaturity()) {
                v.add("localVolGrid.times", "must be at most " + limits.maxMaturity() + " years");
            }
        }
        v.throwIfAny();
    }
}
