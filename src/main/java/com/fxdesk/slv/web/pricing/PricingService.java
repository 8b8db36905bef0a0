package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.web.errors.FieldViolation;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.pipeline.SlvSettings;
import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.analytic.BlackScholesAnalytic;
import com.fxdesk.slv.pricing.analytic.ImpliedVolChoice;
import com.fxdesk.slv.pricing.mc.McModel;
import com.fxdesk.slv.pricing.mc.McResult;
import com.fxdesk.slv.pricing.mc.MonteCarloPricer;
import com.fxdesk.slv.pricing.mc.MonteCarloRequest;
import com.fxdesk.slv.random.SequenceType;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.pricing.NoArbitrageBounds;
import com.fxdesk.slv.security.Clients;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import com.fxdesk.slv.web.calibrations.CalibrationRequest;
import com.fxdesk.slv.web.calibrations.SlvCalibrationService;
import com.fxdesk.slv.web.errors.ApiProblemException;
import com.fxdesk.slv.web.errors.InvalidInputException;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.heston.HestonService;
import com.fxdesk.slv.web.market.MarketMapper;
import com.fxdesk.slv.web.pricing.PricingRequest.Model;
import com.fxdesk.slv.web.pricing.PricingResponse.Method;
import com.fxdesk.slv.web.regression.EstimatorMapper;
import com.fxdesk.slv.web.support.EngineMetrics;
import com.fxdesk.slv.web.errors.EngineRejectedException;
import com.fxdesk.slv.web.support.Domain;
import com.fxdesk.slv.web.surface.SurfaceResponse;
import com.fxdesk.slv.web.surface.SurfaceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Prices products under the requested models. BS is analytic (TV) for every product; HESTON is analytic for
 * Europeans and digitals and Monte Carlo otherwise; LV and SLV are Monte Carlo. Model inputs come from a finished
 * calibration (calibrationId) or are built from the request's market (surface, Dupire, Heston calibrated unless
 * given, and for SLV a leverage calibration with the request's "calibration" settings, round trip off).
 */
@Service
public class PricingService {
    private final HestonService heston;
    private final SurfaceService surfaces;
    private final SlvCalibrationService slv;
    private final JobService jobs;
    private final EngineMetrics metrics;
    private final int threads;
    private final HestonPricer hestonPricer = new HestonPricer();
    private final MonteCarloPricer mcPricer;

    public PricingService(HestonService heston, SlvCalibrationService slv, JobService jobs,
                          EngineMetrics metrics, ExecutorService slvComputePool, JobsProperties jobsProperties,
                          SurfaceService surfaces) {
        this.heston = heston;
        this.surfaces = surfaces;
        this.slv = slv;
        this.jobs = jobs;
        this.metrics = metrics;
        this.mcPricer = new MonteCarloPricer(slvComputePool);
        this.threads = jobsProperties.effectiveComputeThreads();
    }

    /** What the models price with; filled lazily so that only what the requested models need is built. */
    private final class Inputs {
        final MarketData market;
        final PricingRequest request;
        final Calibrated calibrated;
        final BooleanSupplier cancelled;
        VolSurface surface;
        /** Surface points the BS model read a held (fallback) vol at, reported as IMPLIED_VOL_FALLBACK. */
        final List<SurfaceResponse.Point> volFallbacks = java.util.Collections.synchronizedList(new ArrayList<>());
        DupireLocalVol localVol;
        HestonParameters hestonParams;
        LeverageFunction leverage;
        double mixing;

        Inputs(PricingRequest request, BooleanSupplier cancelled) throws Exception {
            this.request = request;
            this.cancelled = cancelled;
            if (request.calibrationId() != null) {
                calibrated = finished(request.calibrationId());
                market = calibrated.market();
                surface = calibrated.surface();
                localVol = calibrated.localVol();
                hestonParams = calibrated.heston(); // the validator refuses heston with calibrationId
                leverage = calibrated.result().leverage();
                mixing = calibrated.result().mixing();
            } else {
                calibrated = null;
                market = MarketMapper.toEngine(request.market());
                PricingRequest.SlvSettings c = request.calibration();
                mixing = request.mixing() != null ? request.mixing()
                        : c != null && c.mixing() != null ? c.mixing() : SlvSettings.defaults().mixing();
            }
        }

        VolSurface surface() {
            if (surface == null) {
                surface = surfaces.surface(market);
            }
            return surface;
        }

        DupireLocalVol localVol() {
            if (localVol == null) {
                localVol = new DupireLocalVol(surface());
            }
            return localVol;
        }

        HestonParameters heston() throws Exception {
            if (hestonParams == null) {
                HestonParamsDto given = request.heston() != null ? request.heston()
                        : request.calibration() != null ? request.calibration().heston() : null;
                hestonParams = given != null ? HestonService.toEngine(given)
                        : calibrateHeston();
            }
            return hestonParams;
        }

        private HestonParameters calibrateHeston() throws Exception {
            try {
                return metrics.phase("heston", () -> heston.calibrate(market.fx(),
                        SlvPipeline.vanillaQuotes(surface()), null, null, cancelled)).parameters();
            } catch (com.fxdesk.slv.market.MarketDataException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw HestonService.fitRefused(e);
            }
        }

        LeverageFunction leverage(double maturity) throws Exception {
            if (leverage == null) {
                SlvSettings s = inlineSettings(request.calibration(), maturity).withHeston(heston());
                leverage = slv.calibrate(market, s.withMixing(mixing), cancelled, null).result().leverage();
            }
            return leverage;
        }
    }

    /**
     * The settings of an inline SLV calibration: the request's "calibration" block (null: all defaults) by the
     * calibration job's rule ({@link SlvSettings#of}), over a horizon of at least the longest product; no round trip.
     * Heston and mixing are filled in by the caller.
     */
    static SlvSettings inlineSettings(PricingRequest.SlvSettings c, double longestProduct) {
        if (c == null) {
            return SlvSettings.of(null, null, null, null, longestProduct, null, null, null, false, null, null, null);
        }
        double horizon = c.maturity() != null ? Math.max(c.maturity(), longestProduct) : longestProduct;
        CalibrationRequest.Leverage l = c.leverage();
        return SlvSettings.of(null, null, c.particles(), c.timeStepDays(), horizon,
                EstimatorMapper.toEngine(c.estimator()), c.spotGridSize(), c.seed(), false, null,
                l != null ? l.floor() : null, l != null ? l.cap() : null);
    }

    private Calibrated finished(String id) throws Exception {
        JobRecord job = jobs.find(id, Clients.current()).orElseThrow(() -> new InvalidInputException("calibrationId",
                "no calibration job with id " + id + " (finished jobs are kept for a limited time)"));
        Optional<Calibrated> model = job.status() == JobStatus.SUCCEEDED ? jobs.model(job.id(), Calibrated.class)
                : Optional.empty();
        return model.orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT, "Conflict",
                "calibration " + id + " has status " + job.status() + "; pricing needs a SUCCEEDED one"));
    }

    public PricingResponse price(PricingRequest request) throws Exception {
        return price(request, () -> false);
    }

    /** As above; {@code cancelled} (the request's deadline) stops calibrations and simulations between steps. */
    public PricingResponse price(PricingRequest request, BooleanSupplier cancelled) throws Exception {
        long t0 = System.nanoTime();
        List<Product> products = new ArrayList<>();
        double maxMaturity = 0;
        for (int i = 0; i < request.products().size(); i++) {
            Product p = ProductMapper.toEngine(request.products().get(i), i);
            products.add(p);
            maxMaturity = Math.max(maxMaturity, p.maturity());
        }
        Inputs in = new Inputs(request, cancelled);
        checkLevels(products, in.market.fx());
        if (in.calibrated != null && request.models().contains(Model.SLV)) {
            // the leverage exists only up to the calibrated maturity: no silent flat extrapolation beyond it
            double[] t = in.calibrated.result().regressionTimes();
            double calibratedMaturity = t[t.length - 1];
            Violations v = new Violations();
            for (int i = 0; i < products.size(); i++) {
                if (products.get(i).maturity() > calibratedMaturity * (1 + 1e-9)) {
                    v.add("products[" + i + "].maturity", "exceeds the calibration's maturity "
                            + calibratedMaturity + " (model SLV); calibrate to a longer maturity");
                }
            }
            v.throwIfAny();
        }
        McConfig mc = mcConfig(request.monteCarlo());
        List<PricingResponse.Result> results = new ArrayList<>();
        double maturity = maxMaturity;
        for (int j = 0; j < request.models().size(); j++) {
            Model model = request.models().get(j);
            try {
                results.addAll(metrics.pricing(model.name(), () -> switch (model) {
                    case BS -> blackScholes(in, products);
                    case HESTON -> hestonModel(in, products, mc);
                    case LV -> monteCarlo(in, products, McModel.LV, mc, maturity);
                    case SLV -> monteCarlo(in, products, McModel.SLV, mc, maturity);
                }));
            } catch (com.fxdesk.slv.market.MarketDataException | EngineRejectedException named) {
                throw named;
            } catch (IllegalArgumentException refused) {
                // the model cannot be built or run on this market (e.g. a zero vol somewhere on the surface)
                String msg = "model " + model + " cannot price with this market: " + refused.getMessage();
                throw new EngineRejectedException(msg, List.of(new FieldViolation("models[" + j + "]", msg)));
            }
        }
        checkBounds(results, products, in.market.fx());
        List<SurfaceResponse.Warning> warnings = in.surface == null ? List.of()
                : SurfaceResponse.Warning.of(in.surface.warnings(), null, List.copyOf(in.volFallbacks));
        return new PricingResponse(results, warnings, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Strikes and barriers within {@link Domain#MAX_FORWARD_RATIO} of the forward to the product's maturity (the
     * market is known only here when it comes from a calibration): a strike of 1e-300 has no market meaning and its
     * price is beyond the precision of any model.
     */
    private static void checkLevels(List<Product> products, FxMarket fx) {
        Violations v = new Violations();
        double r = Domain.MAX_FORWARD_RATIO;
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            double f = fx.forward(p.maturity());
            String path = "products[" + i + "]";
            if (p instanceof Product.European e) {
                Domain.level(path + ".strike", e.strike(), f, r, "the forward", v);
            } else if (p instanceof Product.Digital d) {
                Domain.level(path + ".strike", d.strike(), f, r, "the forward", v);
            } else if (p instanceof Product.OneTouch o) {
                Domain.level(path + ".barrier", o.barrier(), f, r, "the forward", v);
            } else if (p instanceof Product.NoTouch n) {
                Domain.level(path + ".barrier", n.barrier(), f, r, "the forward", v);
            } else if (p instanceof Product.Barrier b) {
                Domain.level(path + ".strike", b.strike(), f, r, "the forward", v);
                Domain.level(path + ".barrier", b.barrier(), f, r, "the forward", v);
            } else if (p instanceof Product.DoubleNoTouch d) {
                Domain.level(path + ".lower", d.lower(), f, r, "the forward", v);
                Domain.level(path + ".upper", d.upper(), f, r, "the forward", v);
            }
        }
        v.throwIfAny();
    }

    /**
     * The invariant of every 200: each price finite and within its model-free bounds (a digital or touch in
     * [0, DF·notional], a vanilla within its no-arbitrage range), allowing 5 standard errors of Monte Carlo noise
     * and 1e-7 relative for quadrature. A price outside is refused (422 naming the product) rather than answered.
     */
    private static void checkBounds(List<PricingResponse.Result> results, List<Product> products, FxMarket fx) {
        Violations v = new Violations();
        for (PricingResponse.Result r : results) {
            for (int i = 0; i < products.size(); i++) {
                Product p = products.get(i);
                if (!p.id().equals(r.productId())) {
                    continue;
                }
                NoArbitrageBounds.Bounds b = NoArbitrageBounds.of(p, fx);
                double tol = 5 * (Double.isFinite(r.stdError()) ? r.stdError() : 0) + 1e-7 * b.upper()
                        + 1e-12 * p.notional();
                if (!Double.isFinite(r.stdError()) || !b.contains(r.price(), tol)) {
                    v.add("products[" + i + "]", "the " + r.model() + " model gives no meaningful price for this "
                            + "product with these inputs (outside its no-arbitrage bounds [" + (float) b.lower()
                            + ", " + (float) b.upper() + "]); check the product against the market");
                }
            }
        }
        if (!v.isEmpty()) {
            throw new EngineRejectedException(v.list().get(0).message(), v.list());
        }
    }

    private McConfig mcConfig(PricingRequest.MonteCarlo m) {
        McConfig d = McConfig.defaults();
        if (m == null) {
            return new McConfig(d.paths(), d.timeStepDays(), d.antithetic(), d.sequence(), d.seed(),
                    d.barrierCorrection(), d.batches(), threads);
        }
        return new McConfig(m.paths() != null ? m.paths() : d.paths(),
                m.timeStepDays() != null ? m.timeStepDays() : d.timeStepDays(),
                m.antithetic() != null ? m.antithetic() : d.antithetic(),
                m.sequence() != null ? SequenceType.valueOf(m.sequence().name()) : d.sequence(),
                m.seed() != null ? m.seed() : d.seed(),
                m.barrierCorrection() != null ? m.barrierCorrection() : d.barrierCorrection(), d.batches(), threads);
    }

    private List<PricingResponse.Result> blackScholes(Inputs in, List<Product> products) {
        List<PricingResponse.Result> out = new ArrayList<>(products.size());
        for (Product p : products) {
            ImpliedVolChoice vol = ImpliedVolChoice.forBlackScholes(p, p.flatVol() == null ? in.surface() : null);
            if (p.flatVol() == null && in.surface().impliedVolDetail(vol.expiry(), vol.strike()).fallback()
                    != VolSurface.VolFallback.NONE) {
                in.volFallbacks.add(new SurfaceResponse.Point(vol.expiry(), vol.strike(), vol.vol(), Double.NaN));
            }
            double price = BlackScholesAnalytic.price(p, in.market.fx(), vol.vol());
            out.add(new PricingResponse.Result(p.id(), Model.BS, price, 0.0, Method.ANALYTIC, vol.vol(),
                    vol.source()));
        }
        return out;
    }

    private List<PricingResponse.Result> hestonModel(Inputs in, List<Product> products, McConfig mc)
            throws Exception {
        HestonParameters params = in.heston();
        List<Product> simulated = new ArrayList<>();
        PricingResponse.Result[] out = new PricingResponse.Result[products.size()];
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            if (in.cancelled.getAsBoolean()) {
                throw new CancellationException("pricing cancelled");
            }
            try {
                if (p instanceof Product.European e) {
                    out[i] = analytic(p, e.notional() * hestonPricer.price(params, in.market.fx(), e.maturity(),
                            e.strike(), e.optionType().isCall()));
                } else if (p instanceof Product.Digital d) {
                    out[i] = analytic(p, d.notional() * hestonPricer.digital(params, in.market.fx(), d.maturity(),
                            d.strike(), d.optionType().isCall()));
                } else {
                    simulated.add(p);
                }
            } catch (IllegalArgumentException refused) {
                // the quadrature's work cap or a non-finite result: this product cannot be priced, say which
                throw new EngineRejectedException(refused.getMessage(),
                        List.of(new FieldViolation("products[" + i + "]", refused.getMessage())));
            }
        }
        if (!simulated.isEmpty()) {
            List<McResult> mcResults = mcPricer.price(new MonteCarloRequest(in.market.fx(), simulated,
                    List.of(McModel.HESTON), null, null, params, 1.0, null, mc), in.cancelled);
            int j = 0;
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    McResult r = mcResults.get(j++);
                    out[i] = new PricingResponse.Result(r.productId(), Model.HESTON, r.price(), r.stdError(),
                            Method.MONTE_CARLO, null, null);
                }
            }
        }
        return List.of(out);
    }

    private static PricingResponse.Result analytic(Product p, double price) {
        return new PricingResponse.Result(p.id(), Model.HESTON, price, 0.0, Method.ANALYTIC, null, null);
    }

    private List<PricingResponse.Result> monteCarlo(Inputs in, List<Product> products, McModel model, McConfig mc,
                                                    double maturity) throws Exception {
        MonteCarloRequest req = model == McModel.LV
                ? new MonteCarloRequest(in.market.fx(), products, List.of(model), null, in.localVol(), null, 0, null, mc)
                : new MonteCarloRequest(in.market.fx(), products, List.of(model), null, in.localVol(), in.heston(),
                        in.mixing, in.leverage(maturity), mc);
        List<PricingResponse.Result> out = new ArrayList<>(products.size());
        for (McResult r : mcPricer.price(req, in.cancelled)) {
            out.add(new PricingResponse.Result(r.productId(), Model.valueOf(model.name()), r.price(), r.stdError(),
                    Method.MONTE_CARLO, null, null));
        }
        return out;
    }
}
