package com.fxdesk.slv.pipeline;

import com.fxdesk.slv.calibration.Phase;
import com.fxdesk.slv.calibration.ProgressListener;
import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.LeverageBounds;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Regression;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The SLV pipeline in plain Java: market → arbitrage-free implied-vol surface → Dupire local vol → Heston fit
 * (unless given) → leverage by the particle method → round trip. The HTTP layer, the jobs, pricing and the
 * benchmarks all run it through here, so each rule (defaults, seeds, progress shares, quote sets) has one home.
 * Stateless apart from the pool: one instance serves concurrent calibrations.
 */
public final class SlvPipeline {
    /** Share of the progress bar before the particle method starts (surface and Heston). */
    private static final double PRE = 0.1;

    private final ExecutorService pool;
    private final SurfaceSource surfaces;
    private final HestonCalibrator hestonCalibrator = new HestonCalibrator();

    /** @param pool the shared compute pool; null runs everything on the calling thread */
    public SlvPipeline(ExecutorService pool) {
        this(pool, SurfaceSource.FRESH);
    }

    /**
     * @param pool     the shared compute pool; null runs everything on the calling thread
     * @param surfaces where {@link #calibrate} gets the market's surface (e.g. the service's cache)
     */
    public SlvPipeline(ExecutorService pool, SurfaceSource surfaces) {
        this.pool = pool;
        this.surfaces = java.util.Objects.requireNonNull(surfaces, "surfaces");
    }

    /** One finished calibration: its inputs as built, the engine's result and the phases' times. */
    public record Calibrated(MarketData market, VolSurface surface, DupireLocalVol localVol, HestonParameters heston,
                             SlvCalibrationResult result, double hestonMs, double localVolMs, double totalMs) {
    }

    /** The arbitrage-free implied-vol surface of the market (FX quotes converted to strikes under their conventions). */
    public static VolSurface surface(MarketData market) {
        return VolSurfaceBuilder.build(market);
    }

    /** Vanilla quotes to fit and to reprice: the surface's pillar points (grid points, or FX quotes as strikes). */
    public static List<CalibrationQuote> vanillaQuotes(VolSurface surface) {
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (SmilePillar p : surface.pillars()) {
            for (int j = 0; j < p.strikes().length; j++) {
                String tenor = p.tenor() != null ? p.tenor() : "T=" + p.expiry();
                quotes.add(new CalibrationQuote(p.expiry(), p.strikes()[j], p.vols()[j], tenor + " " + p.labels()[j]));
            }
        }
        return quotes;
    }

    public static List<RoundTripQuote> roundTripQuotes(List<CalibrationQuote> quotes) {
        List<RoundTripQuote> out = new ArrayList<>(quotes.size());
        for (CalibrationQuote q : quotes) {
            out.add(new RoundTripQuote(q.expiry(), q.strike(), q.label(), q.marketVol()));
        }
        return out;
    }

    /** Heston fit; {@code guess} and {@code weighting} may be null (defaults), {@code cancelled} too. */
    public HestonCalibrationResult fitHeston(FxMarket fx, List<CalibrationQuote> quotes, HestonParameters guess,
                                             HestonCalibrator.Weighting weighting, BooleanSupplier cancelled) {
        return hestonCalibrator.calibrate(fx, quotes, guess, weighting, cancelled);
    }

    /** The particle calibration's input for a market whose surface, local vol and Heston parameters are known. */
    public static SlvCalibrationInput input(MarketData market, VolSurface surface, DupireLocalVol localVol,
                                            HestonParameters heston, SlvSettings s) {
        SlvCalibrationInput.Market m = SlvCalibrationInput.Market.of(market.fx(), localVol, surface,
                surface.expiries());
        return new SlvCalibrationInput(s.maturity() != null ? m.withMaturity(s.maturity()) : m,
                new SlvCalibrationInput.Heston(heston, s.mixing()),
                Particles.DEFAULTS.withCount(s.particles()).withTimeStepDays(s.timeStepDays()).withSeed(s.seed()),
                Regression.of(Estimators.create(s.estimator())).withSpotGridSize(s.spotGridSize()),
                LeverageBounds.DEFAULTS.withClip(s.leverageFloor(), s.leverageCap()),
                new Repricing(roundTripQuotes(vanillaQuotes(surface)), s.roundTripConfig()));
    }

    /**
     * Runs the whole pipeline. Progress: {@link Phase#LOCAL_VOL} and {@link Phase#HESTON} take the first tenth, the
     * particles and the round trip the rest in the calibrator's own shares.
     *
     * @throws IllegalArgumentException the market or settings are refused (market errors carry their field)
     * @throws CancellationException    {@code cancelled} turned true
     */
    public Calibrated calibrate(MarketData market, SlvSettings s, BooleanSupplier cancelled,
                                ProgressListener progress) {
        BooleanSupplier isCancelled = cancelled == null ? () -> false : cancelled;
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        long t0 = System.nanoTime();
        listener.onProgress(0, Phase.LOCAL_VOL);
        VolSurface surface = surfaces.surface(market);
        DupireLocalVol lv = new DupireLocalVol(surface);
        double localVolMs = (System.nanoTime() - t0) / 1e6;
        checkCancelled(isCancelled);
        HestonParameters h = s.heston();
        double hestonMs = 0;
        if (h == null) {
            listener.onProgress(0.02, Phase.HESTON);
            long tH = System.nanoTime();
            h = fitHeston(market.fx(), vanillaQuotes(surface), null, null, isCancelled).parameters();
            hestonMs = (System.nanoTime() - tH) / 1e6;
        }
        checkCancelled(isCancelled);
        SlvCalibrationInput input = input(market, surface, lv, h, s);
        listener.onProgress(PRE, Phase.PARTICLES);
        SlvCalibrationResult result = new SlvCalibrator(pool).calibrate(input,
                (f, phase) -> listener.onProgress(PRE + (1 - PRE) * f, phase), isCancelled);
        checkCancelled(isCancelled);
        return new Calibrated(market, surface, lv, h, result, hestonMs, localVolMs, (System.nanoTime() - t0) / 1e6);
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }
}
