package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.web.support.CostEstimate;
import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.volatility.LocalVolGrid;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.support.Domain;
import com.fxdesk.slv.web.market.MarketMapper;
import com.fxdesk.slv.web.market.MarketValidator;
import com.fxdesk.slv.web.support.ComputeGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@RequestMapping(path = "/api/v1/volatility", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Volatility")
public class VolatilityController {
    /** Default local-vol grid: spots from −3 to +3 ATM standard deviations of the last expiry. */
    private static final int DEFAULT_SPOTS = 41;
    private static final double DEFAULT_STDEVS = 3.0;

    private final MarketValidator marketValidator;
    private final LimitsProperties limits;
    private final SurfaceService surfaces;
    private final ComputeGate gate;

    public VolatilityController(MarketValidator marketValidator, LimitsProperties limits, SurfaceService surfaces,
                                ComputeGate gate) {
        this.marketValidator = marketValidator;
        this.limits = limits;
        this.surfaces = surfaces;
        this.gate = gate;
    }

    @Operation(summary = "Build the implied-vol surface, local vol and arbitrage report from market quotes",
            description = "Without localVolGrid, the grid is the pillar expiries × 41 spots spanning ±3 ATM "
                    + "standard deviations of the last expiry.")
    @PostMapping(path = "/surface", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DeferredResult<SurfaceResponse> surface(@RequestBody SurfaceRequest request) {
        validate(request);
        MarketData market = MarketMapper.toEngine(request.market());
        long t0 = System.nanoTime();
        long cost = cost(request) + (surfaces.scanned(market) ? 0 : CostEstimate.ARBITRAGE_SCAN);
        return gate.submit(cost, cancelled -> {
            try {
                return surface(request, market, t0, cancelled);
            } catch (com.fxdesk.slv.market.MarketDataException named) {
                throw named;
            } catch (IllegalArgumentException refused) {
                // a market the surface builder or Dupire cannot use: the client's input, named as a whole
                throw com.fxdesk.slv.web.market.MarketRejection.of("market", refused);
            }
        });
    }

    private SurfaceResponse surface(SurfaceRequest request, MarketData market, long t0,
                                    java.util.function.BooleanSupplier cancelled) {
        SurfaceService.Served served = surfaces.served(market, cancelled);
        VolSurface surface = served.surface();
        DupireLocalVol lv = new DupireLocalVol(surface);
        List<SurfaceResponse.Point> points = new ArrayList<>();
        List<SurfaceResponse.Point> fallbacks = new ArrayList<>();
        if (request.points() != null) {
            for (SurfaceRequest.SurfacePoint p : request.points()) {
                VolSurface.ImpliedVolDetail iv = surface.impliedVolDetail(p.expiry(), p.strike());
                SurfaceResponse.Point point = new SurfaceResponse.Point(p.expiry(), p.strike(), iv.vol(),
                        lv.localVol(p.expiry(), p.strike()));
                points.add(point);
                if (iv.fallback() != VolSurface.VolFallback.NONE) {
                    fallbacks.add(point);
                }
            }
        }
        double[] times;
        double[] spots;
        if (request.localVolGrid() != null) {
            times = MarketMapper.doubles(request.localVolGrid().times());
            spots = MarketMapper.doubles(request.localVolGrid().spots());
        } else {
            times = surface.expiries();
            spots = defaultSpots(surface);
        }
        LocalVolGrid grid = lv.grid(times, spots);
        return new SurfaceResponse(surface.pillars().stream().map(SurfaceResponse.Pillar::of).toList(), points,
                SurfaceResponse.LocalVol.of(grid),
                SurfaceResponse.Arbitrage.of(served.arbitrage(cancelled)), // once per cached surface
                SurfaceResponse.Warning.of(surface.warnings(), grid, fallbacks),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static double[] defaultSpots(VolSurface s) {
        double t = s.lastExpiry();
        double spot = s.market().spot();
        double sd = s.impliedVol(t, s.forward(t)) * Math.sqrt(t) * DEFAULT_STDEVS;
        double[] out = new double[DEFAULT_SPOTS];
        for (int i = 0; i < DEFAULT_SPOTS; i++) {
            out[i] = spot * Math.exp(-sd + 2 * sd * i / (DEFAULT_SPOTS - 1));
        }
        return out;
    }

    private static long cost(SurfaceRequest r) {
        long grid = r.localVolGrid() == null ? 0
                : (long) r.localVolGrid().times().size() * r.localVolGrid().spots().size();
        long points = r.points() == null ? 0 : r.points().size();
        return CostEstimate.SURFACE + (grid + points) * CostEstimate.SURFACE_POINT;
    }

    private static boolean spotOk(SurfaceRequest r) {
        Double s = r.market() == null ? null : r.market().spot();
        return s != null && s >= Domain.MIN_SPOT && s <= Domain.MAX_SPOT;
    }

    void validate(SurfaceRequest r) {
        Violations v = new Violations();
        marketValidator.validate("market", r.market(), v);
        List<SurfaceRequest.SurfacePoint> points = r.points();
        if (points != null && v.list("points", points, limits.maxEvaluationPoints())) {
            for (int i = 0; i < points.size(); i++) {
                String p = "points[" + i + "]";
                if (v.required(p, points.get(i))) {
                    Domain.expiry(p + ".expiry", points.get(i).expiry(), limits.maxMaturity(), v);
                    if (v.positive(p + ".strike", points.get(i).strike()) && spotOk(r)) {
                        Domain.level(p + ".strike", points.get(i).strike(), r.market().spot(),
                                Domain.MAX_SPOT_RATIO, "the spot", v);
                    }
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
            if (t) {
                Domain.expiry("localVolGrid.times[0]", g.times().get(0), limits.maxMaturity(), v);
                Domain.expiry("localVolGrid.times[" + (g.times().size() - 1) + "]",
                        g.times().get(g.times().size() - 1), limits.maxMaturity(), v);
            }
            if (s && spotOk(r)) {
                for (int i = 0; i < g.spots().size(); i++) {
                    if (!Domain.level("localVolGrid.spots[" + i + "]", g.spots().get(i), r.market().spot(),
                            Domain.MAX_SPOT_RATIO, "the spot", v)) {
                        break;
                    }
                }
            }
        }
        v.throwIfAny();
    }
}
