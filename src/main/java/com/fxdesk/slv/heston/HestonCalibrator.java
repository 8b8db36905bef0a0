package com.fxdesk.slv.heston;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Least-squares fit of (v0, κ, θ, ξ, ρ) to vanilla implied vols with commons-math3's Levenberg–Marquardt.
 *
 * <p>Bounds by transformation: the optimiser works on y = (ln v0, ln κ, ln θ, ln ξ, atanh ρ), and a parameter
 * validator clips y to the box {@link #V_MIN}.. etc. (so |ρ| ≤ {@link #RHO_MAX}), optionally tightened by the market
 * for κ and θ ({@link Options#minKappaT()}, {@link Options#maxThetaOverVariance()}, off by default; a caller's initial
 * guess must lie in the static box and is then clipped to the market's). Residuals per quote are the
 * implied-vol error (model price inverted with {@link BlackFormula#impliedVol}) or the vega-weighted price error
 * (model − market price)/market vega, which is the vol error to first order and needs no inversion. The Jacobian is
 * by forward differences in y with the quadrature of each expiry frozen at the base point, so the objective seen by the
 * differences is smooth; for implied-vol residuals it is d price/dy divided by the model vega.
 *
 * <p>Far out-of-the-money quotes: the pricer's error is absolute (tol·F), i.e. tol·F/vega in vol. Each expiry is
 * priced with its tolerance tightened until that is below 0.01 bp for the strip's smallest vega (floor 1e-14), and
 * quotes whose vega is below {@link #MIN_RELATIVE_VEGA}·F, whose prices are under the integral's rounding floor, are
 * not fitted: zero residual, flagged in {@link HestonCalibrationResult.QuoteFit#fitted()}, not in rmse/max.
 *
 * <p>Starts: the caller's guess (if any) and guesses derived from the quotes (see heuristicGuess) are each run
 * for a few iterations; the best one continues to convergence. Immutable and thread-safe.
 */
public final class HestonCalibrator {

    /** Residual definition. */
    public enum Weighting { IMPLIED_VOL, VEGA_WEIGHTED_PRICE }

    /**
     * @param maxIterations      LM iterations of the final run from the best start
     * @param scoutIterations    LM iterations per start when several starts are tried
     * @param multiStart         false: only the caller's guess (or the first heuristic guess) is run
     * @param pricingTolerance   tolerance of the {@link HestonPricer} used
     * @param timeBudgetMillis   wall-clock budget: when it runs out the best point so far is returned with
     *                           {@link HestonCalibrationResult#budgetReached()} (extreme surfaces make every pricing
     *                           slow; a service request must not hang on them). Polled inside the pricing loops, so
     *                           the call returns within milliseconds of it once one full evaluation exists; the report
     *                           reuses the best evaluation's prices instead of pricing again
     * @param minKappaT          κ is kept at or above this over the longest fitted expiry T_max (κ ≥ minKappaT/T_max;
     *                           0: only {@link #KAPPA_MIN}). With κT_max ≪ 1 the quotes see the variance's drift
     *                           κ(θ − v) only, not its mean reversion, so κ and θ are not identified separately: on the
     *                           SABR β = 1 grid the fit runs to κ = 0.014, θ = {@link #V_MAX}
     * @param maxThetaOverVariance θ is kept at or below this multiple of the largest implied variance among the fitted
     *                           quotes (+∞: only {@link #V_MAX})
     *                           <p>Both are off by default. Why: they bind on that one market only and made its SLV
     *                           round trip worse, not better (κT_max ≥ 1: resolved RMS / max 4.12 / 8.96 → 5.44 / 11.71
     *                           bp; the fit answers with a larger ξ, and the 1M miss grows with ηξ, a time-discretisation
     *                           error), docs/calibration-quality.md 8.6. They stay as options for callers who want a
     *                           mean-reverting variance process and for that study.
     */
    public record Options(int maxIterations, int scoutIterations, boolean multiStart, double pricingTolerance,
                          long timeBudgetMillis, double minKappaT, double maxThetaOverVariance) {
        /** Conditioning bounds off by default (see minKappaT). */
        public static final double DEFAULT_MIN_KAPPA_T = 0.0;
        public static final double DEFAULT_MAX_THETA_OVER_VARIANCE = Double.POSITIVE_INFINITY;

        public Options {
            if (!(minKappaT >= 0) || !(maxThetaOverVariance > 0)) {
                throw new IllegalArgumentException("need minKappaT >= 0 and maxThetaOverVariance > 0");
            }
        }

        /** Without the conditioning bounds (the defaults). */
        public Options(int maxIterations, int scoutIterations, boolean multiStart, double pricingTolerance,
                       long timeBudgetMillis) {
            this(maxIterations, scoutIterations, multiStart, pricingTolerance, timeBudgetMillis, DEFAULT_MIN_KAPPA_T,
                    DEFAULT_MAX_THETA_OVER_VARIANCE);
        }

        public Options(int maxIterations, int scoutIterations, boolean multiStart, double pricingTolerance) {
            this(maxIterations, scoutIterations, multiStart, pricingTolerance, 10_000);
        }

        public static Options defaults() {
            return new Options(200, 12, true, 1e-10, 10_000);
        }

        /** The same with other conditioning bounds (0 and +∞: the static box only, the default). */
        public Options withConditioning(double minKappaT, double maxThetaOverVariance) {
            return new Options(maxIterations, scoutIterations, multiStart, pricingTolerance, timeBudgetMillis,
                    minKappaT, maxThetaOverVariance);
        }
    }

    /** Thrown from the model function when the time budget is spent; the run keeps its best point. */
    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    /** The calibration box (also the bounds a caller's initial guess must respect). */
    public static final double V_MIN = 1e-6;
    public static final double V_MAX = 4.0;
    public static final double KAPPA_MIN = 1e-3;
    public static final double KAPPA_MAX = 50.0;
    public static final double XI_MIN = 1e-3;
    public static final double XI_MAX = 10.0;
    public static final double RHO_MAX = 0.999;
    private static final double BUMP = 1e-6;
    /**
     * Quotes with an undiscounted vega below this fraction of the forward are not fitted: the Lewis integral's
     * rounding floor is about 1e-17·F in price, which is more than a basis point of vol below this vega (a 3M option
     * 10 standard deviations out has vega ~1e-24·F and a price ~1e-27·F; its model implied vol would be noise).
     */
    static final double MIN_RELATIVE_VEGA = 1e-12;
    /** Per-expiry pricing tolerance is tightened so that tol·F / vega is at most this vol error (0.01 bp) ... */
    private static final double VOL_ACCURACY = 1e-6;
    /** ... but not below this (the quadrature's rounding floor; tighter only costs panels). */
    private static final double MIN_TOLERANCE = 1e-14;

    private final Options options;
    private final HestonPricer pricer;

    public HestonCalibrator() {
        this(Options.defaults());
    }

    public HestonCalibrator(Options options) {
        if (options.maxIterations() < 1 || options.scoutIterations() < 1) {
            throw new IllegalArgumentException("iteration limits must be >= 1");
        }
        this.options = options;
        this.pricer = new HestonPricer(options.pricingTolerance());
    }

    public HestonCalibrationResult calibrate(FxMarket market, List<CalibrationQuote> quotes,
                                             HestonParameters initialGuess, Weighting weighting) {
        return calibrate(market, quotes, initialGuess, weighting, null);
    }

    /**
     * As {@link #calibrate(FxMarket, List, HestonParameters, Weighting)}, cancellable: {@code cancelled} (null: never)
     * is polled before every expiry's pricing, and when it returns true the call throws
     * {@link CancellationException} (no result).
     */
    public HestonCalibrationResult calibrate(FxMarket market, List<CalibrationQuote> quotes,
                                             HestonParameters initialGuess, Weighting weighting,
                                             BooleanSupplier cancelled) {
        long started = System.nanoTime();
        if (quotes == null || quotes.isEmpty()) {
            throw new IllegalArgumentException("quotes must not be empty");
        }
        if (weighting == null) {
            weighting = Weighting.IMPLIED_VOL;
        }
        if (initialGuess != null) {
            checkBounds(initialGuess);
        }
        Search search = new Search(started + options.timeBudgetMillis() * 1_000_000L, cancelled);
        search.check();
        Problem problem = new Problem(market, quotes, weighting);

        List<HestonParameters> starts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (initialGuess != null) {
            starts.add(initialGuess);
            labels.add("initial-guess");
        }
        if (options.multiStart() || initialGuess == null) {
            HestonParameters h = heuristicGuess(problem);
            starts.add(h);
            labels.add("term-structure");
            if (options.multiStart()) {
                starts.add(clip(h.v0(), h.kappa(), h.theta(), 2.5 * h.xi(), 0.7 * h.rho()));
                labels.add("term-structure, high vol-of-vol");
                starts.add(clip(h.v0(), 4 * h.kappa(), h.theta(), 2 * h.xi(), h.rho()));
                labels.add("term-structure, fast mean reversion");
                starts.add(clip(h.v0(), 0.25 * h.kappa(), h.theta(), 0.5 * h.xi(), h.rho()));
                labels.add("term-structure, slow mean reversion");
            }
        }

        int iterations = 0;
        int bestStart = 0;
        if (starts.size() == 1) {
            iterations += run(problem, toY(starts.get(0)), options.maxIterations(), search);
        } else {
            double bestCost = Double.POSITIVE_INFINITY;
            double[] best = null;
            for (int s = 0; s < starts.size() && (s == 0 || !search.pastDeadline()); s++) {
                Run r = new Run();
                iterations += run(problem, toY(starts.get(s)), options.scoutIterations(), search, r);
                if (r.cost < bestCost) {
                    bestCost = r.cost;
                    best = r.y;
                    bestStart = s;
                }
            }
            // the final run only when there is time left: its first evaluation alone can take a while
            if (!search.pastDeadline()) {
                iterations += run(problem, best, options.maxIterations(), search);
            } else {
                search.budgetReached = true;
            }
        }
        // the best evaluation seen (over all runs) is the answer; its prices give the report without repricing
        HestonParameters fitted = fromY(search.bestY);
        List<HestonCalibrationResult.QuoteFit> fits = problem.report(search.bestPrices);
        double sum = 0;
        double max = 0;
        int n = 0;
        for (HestonCalibrationResult.QuoteFit f : fits) {
            if (f.fitted()) {
                sum += f.errorBps() * f.errorBps();
                max = Math.max(max, Math.abs(f.errorBps()));
                n++;
            }
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return new HestonCalibrationResult(fitted, fitted.fellerRatio(), Math.sqrt(sum / n), max, fits,
                iterations, elapsed, labels.get(bestStart), search.budgetReached);
    }

    // ---------------------------------------------------------------- transformation and bounds

    private static void checkBounds(HestonParameters p) {
        check("v0", p.v0(), V_MIN, V_MAX);
        check("kappa", p.kappa(), KAPPA_MIN, KAPPA_MAX);
        check("theta", p.theta(), V_MIN, V_MAX);
        check("xi", p.xi(), XI_MIN, XI_MAX);
        check("rho", p.rho(), -RHO_MAX, RHO_MAX);
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("initialGuess." + name + " = " + v + " is outside the calibration bounds ["
                    + lo + ", " + hi + "]");
        }
    }

    private static HestonParameters clip(double v0, double kappa, double theta, double xi, double rho) {
        return new HestonParameters(clamp(v0, V_MIN, V_MAX), clamp(kappa, KAPPA_MIN, KAPPA_MAX),
                clamp(theta, V_MIN, V_MAX), clamp(xi, XI_MIN, XI_MAX), clamp(rho, -0.95, 0.95));
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static final double[] Y_LO = {Math.log(V_MIN), Math.log(KAPPA_MIN), Math.log(V_MIN), Math.log(XI_MIN),
        -atanh(RHO_MAX)};
    private static final double[] Y_HI = {Math.log(V_MAX), Math.log(KAPPA_MAX), Math.log(V_MAX), Math.log(XI_MAX),
        atanh(RHO_MAX)};

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    static double[] toY(HestonParameters p) {
        return new double[] {Math.log(p.v0()), Math.log(p.kappa()), Math.log(p.theta()), Math.log(p.xi()),
            atanh(p.rho())};
    }

    static HestonParameters fromY(double[] y) {
        return new HestonParameters(Math.exp(y[0]), Math.exp(y[1]), Math.exp(y[2]), Math.exp(y[3]), Math.tanh(y[4]));
    }

    // ---------------------------------------------------------------- optimisation

    /** Best point of one LM run. */
    private static final class Run {
        double[] y;
        double cost = Double.POSITIVE_INFINITY;
    }

    /**
     * State of one calibration across its runs: deadline, cancellation, and the best evaluation seen (parameters and
     * the undiscounted model prices in the caller's quote order, which the report reuses).
     */
    private static final class Search {
        final long deadline;
        final BooleanSupplier cancelled;
        double[] bestY;
        double[] bestPrices;
        double bestCost = Double.POSITIVE_INFINITY;
        boolean budgetReached;

        Search(long deadline, BooleanSupplier cancelled) {
            this.deadline = deadline;
            this.cancelled = cancelled;
        }

        boolean pastDeadline() {
            return System.nanoTime() >= deadline;
        }

        /**
         * Called before each expiry's pricing: throws CancellationException when cancelled, BudgetExhausted when the
         * time is up and there is already a complete evaluation to report (the first one always completes).
         */
        void check() {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("Heston calibration cancelled");
            }
            if (bestY != null && pastDeadline()) {
                budgetReached = true;
                throw new BudgetExhausted();
            }
        }

        void offer(double[] y, double cost, double[] prices) {
            if (cost < bestCost || bestY == null) {
                bestCost = cost;
                bestY = y.clone();
                bestPrices = prices.clone();
            }
        }
    }

    private int run(Problem problem, double[] start, int maxIterations, Search search) {
        return run(problem, start, maxIterations, search, new Run());
    }

    /** One LM run; returns its iterations (the limit when stopped early) and leaves its best point in best. */
    private int run(Problem problem, double[] start, int maxIterations, Search search, Run best) {
        best.y = problem.project(new ArrayRealVector(start)).toArray();
        double[] prices = new double[problem.size];
        MultivariateJacobianFunction model = point -> {
            search.check();
            double[] y = point.toArray();
            double[][] jac = new double[problem.size][5];
            double[] r = problem.residuals(y, jac, prices, search);
            double cost = 0;
            for (double v : r) {
                cost += v * v;
            }
            if (!Double.isFinite(cost)) {
                cost = Double.MAX_VALUE;
            }
            if (cost < best.cost) {
                best.cost = cost;
                best.y = y.clone();
            }
            search.offer(y, cost, prices);
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresProblem lsp = new LeastSquaresBuilder()
                .start(best.y)
                .model(model)
                .target(new double[problem.size])
                .parameterValidator(problem::project)
                .lazyEvaluation(false)
                .maxIterations(maxIterations)
                .maxEvaluations(10 * maxIterations + 10)
                .build();
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-14)
                .withParameterRelativeTolerance(1e-12)
                .withOrthoTolerance(1e-14);
        try {
            return lm.optimize(lsp).getIterations();
        } catch (TooManyIterationsException | TooManyEvaluationsException | BudgetExhausted e) {
            return maxIterations;
        } catch (ConvergenceException e) {
            // keep the best point seen; the report says how good it is
            return maxIterations;
        }
    }

    // ---------------------------------------------------------------- the residuals

    /** Quotes grouped by expiry with everything that does not depend on the parameters. */
    private final class Problem {
        final int size;
        final Weighting weighting;
        final double[] expiries;
        final double[] forwards;
        final double[] dfs;
        final double[][] strikes;
        final boolean[][] calls;
        final double[][] marketVols;
        final double[][] marketPrices; // undiscounted
        final double[][] marketVegas;  // undiscounted, per unit of vol
        final int[][] index;           // position in the caller's list
        final boolean[][] fitted;      // false: vega below MIN_RELATIVE_VEGA·F, left out of the objective
        final HestonPricer[] pricers;  // per expiry: tolerance tightened for the strip's smallest fitted vega
        final List<CalibrationQuote> quotes;
        final double[] yLo;            // the box in y: the static one, κ and θ tightened by the market (Options)
        final double[] yHi;

        Problem(FxMarket market, List<CalibrationQuote> quotes, Weighting weighting) {
            this.quotes = List.copyOf(quotes);
            this.size = quotes.size();
            this.weighting = weighting;
            TreeMap<Double, List<Integer>> byExpiry = new TreeMap<>();
            for (int i = 0; i < quotes.size(); i++) {
                byExpiry.computeIfAbsent(quotes.get(i).expiry(), k -> new ArrayList<>()).add(i);
            }
            int m = byExpiry.size();
            expiries = new double[m];
            forwards = new double[m];
            dfs = new double[m];
            strikes = new double[m][];
            calls = new boolean[m][];
            marketVols = new double[m][];
            marketPrices = new double[m][];
            marketVegas = new double[m][];
            index = new int[m][];
            fitted = new boolean[m][];
            pricers = new HestonPricer[m];
            int fittedCount = 0;
            int e = 0;
            for (var entry : byExpiry.entrySet()) {
                double t = entry.getKey();
                List<Integer> idx = entry.getValue();
                int n = idx.size();
                expiries[e] = t;
                forwards[e] = market.forward(t);
                dfs[e] = market.domesticDf(t);
                strikes[e] = new double[n];
                calls[e] = new boolean[n];
                marketVols[e] = new double[n];
                marketPrices[e] = new double[n];
                marketVegas[e] = new double[n];
                index[e] = new int[n];
                fitted[e] = new boolean[n];
                double minVega = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    CalibrationQuote q = quotes.get(idx.get(j));
                    double f = forwards[e];
                    double s = q.marketVol() * Math.sqrt(t);
                    strikes[e][j] = q.strike();
                    calls[e][j] = q.strike() >= f; // out of the money: better conditioned
                    marketVols[e][j] = q.marketVol();
                    marketPrices[e][j] = BlackFormula.undiscounted(calls[e][j], f, q.strike(), s);
                    double vega = BlackFormula.vegaStdDev(f, q.strike(), s) * Math.sqrt(t);
                    marketVegas[e][j] = Math.max(vega, 1e-12 * f);
                    index[e][j] = idx.get(j);
                    fitted[e][j] = vega >= MIN_RELATIVE_VEGA * f;
                    if (fitted[e][j]) {
                        fittedCount++;
                        minVega = Math.min(minVega, vega);
                    }
                }
                // an absolute price tolerance tol·F is tol·F/vega in vol: far out-of-the-money quotes need a tighter one
                double tol = Math.min(options.pricingTolerance(), Math.max(MIN_TOLERANCE, VOL_ACCURACY * minVega / forwards[e]));
                pricers[e] = tol < options.pricingTolerance() ? new HestonPricer(tol) : pricer;
                e++;
            }
            if (fittedCount == 0) {
                // nothing is resolvable (absurd input): fit everything rather than nothing
                for (boolean[] row : fitted) {
                    Arrays.fill(row, true);
                }
            }
            double maxVariance = 0;
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < marketVols[k].length; j++) {
                    if (fitted[k][j]) {
                        maxVariance = Math.max(maxVariance, marketVols[k][j] * marketVols[k][j]);
                    }
                }
            }
            yLo = Y_LO.clone();
            yHi = Y_HI.clone();
            double kappaFloor = options.minKappaT() / expiries[m - 1];
            if (kappaFloor > KAPPA_MIN) {
                yLo[1] = Math.log(Math.min(kappaFloor, KAPPA_MAX));
            }
            double thetaCap = options.maxThetaOverVariance() * maxVariance;
            if (thetaCap < V_MAX) {
                yHi[2] = Math.log(Math.max(thetaCap, V_MIN));
            }
        }

        /** Clips y to this problem's box (NaN → the box's middle). */
        RealVector project(RealVector y) {
            double[] v = y.toArray();
            for (int i = 0; i < 5; i++) {
                v[i] = Double.isNaN(v[i]) ? 0.5 * (yLo[i] + yHi[i]) : clamp(v[i], yLo[i], yHi[i]);
            }
            return new ArrayRealVector(v, false);
        }

        /**
         * Residuals in caller order; fills jac (size × 5) with d residual / d y and pricesOut with the undiscounted
         * model prices. Polls search before each expiry (time budget, cancellation).
         */
        double[] residuals(double[] y, double[][] jac, double[] pricesOut, Search search) {
            HestonParameters p = fromY(y);
            HestonParameters[] bumped = new HestonParameters[5];
            for (int i = 0; i < 5; i++) {
                double[] yb = y.clone();
                yb[i] += BUMP;
                bumped[i] = fromY(yb);
            }
            double[] r = new double[size];
            for (int e = 0; e < expiries.length; e++) {
                search.check();
                double t = expiries[e];
                double f = forwards[e];
                HestonPricer.StripResult base = pricers[e].priceStripWithQuadrature(p, t, f, 1.0, strikes[e],
                        calls[e], search::check);
                double[] price = base.prices();
                double[][] dPrice = new double[5][];
                for (int i = 0; i < 5; i++) {
                    double[] pb = pricers[e].priceStrip(bumped[i], t, f, 1.0, strikes[e], calls[e],
                            base.quadrature(), search::check);
                    for (int j = 0; j < pb.length; j++) {
                        pb[j] = (pb[j] - price[j]) / BUMP;
                    }
                    dPrice[i] = pb;
                }
                for (int j = 0; j < price.length; j++) {
                    int row = index[e][j];
                    pricesOut[row] = price[j];
                    if (!fitted[e][j]) {
                        r[row] = 0;
                        Arrays.fill(jac[row], 0);
                        continue;
                    }
                    double scale = marketVegas[e][j];
                    double res = (price[j] - marketPrices[e][j]) / scale;
                    if (weighting == Weighting.IMPLIED_VOL) {
                        double iv = BlackFormula.impliedVol(calls[e][j], f, strikes[e][j], t, price[j], 1.0);
                        if (Double.isFinite(iv) && iv > 0) {
                            res = iv - marketVols[e][j];
                            double sd = iv * Math.sqrt(t);
                            scale = Math.max(BlackFormula.vegaStdDev(f, strikes[e][j], sd) * Math.sqrt(t), 1e-12 * f);
                        }
                    }
                    r[row] = res;
                    for (int i = 0; i < 5; i++) {
                        jac[row][i] = dPrice[i][j] / scale;
                    }
                }
            }
            return r;
        }

        /** Per-quote fit from the undiscounted model prices of an evaluation (caller order). */
        List<HestonCalibrationResult.QuoteFit> report(double[] prices) {
            HestonCalibrationResult.QuoteFit[] out = new HestonCalibrationResult.QuoteFit[size];
            for (int e = 0; e < expiries.length; e++) {
                double t = expiries[e];
                double f = forwards[e];
                for (int j = 0; j < strikes[e].length; j++) {
                    double price = prices[index[e][j]];
                    double iv = BlackFormula.impliedVol(calls[e][j], f, strikes[e][j], t, price, 1.0);
                    if (!(Double.isFinite(iv) && iv > 0)) {
                        // price below intrinsic/Black range by quadrature noise: first-order vol from the vega, or
                        // (a quote not fitted, whose price is all noise) no information
                        iv = fitted[e][j] ? marketVols[e][j] + (price - marketPrices[e][j]) / marketVegas[e][j]
                                : marketVols[e][j];
                    }
                    CalibrationQuote q = quotes.get(index[e][j]);
                    out[index[e][j]] = new HestonCalibrationResult.QuoteFit(t, q.strike(), q.label(), q.marketVol(), iv,
                            (iv - q.marketVol()) * 1e4, fitted[e][j]);
                }
            }
            return Arrays.asList(out);
        }
    }

    // ---------------------------------------------------------------- start from the quotes

    /**
     * Guess from the ATM term structure and the smile: per expiry a quadratic σ(k) = a + b k + c k² in
     * k = ln(K/F) (least squares); v0, θ, κ from fitting the ATM total variance a²T with the Heston expected variance
     * w(T) = θT + (v0 − θ)(1 − e^{−κT})/κ (linear in v0, θ for each κ of a grid); ρξ from the skews with the
     * short-expiry slope ρξ/(4σ) damped by G(κT) = 2[1 − (1 − e^{−κT})/(κT)]/(κT); ξ² from the curvature
     * c ≈ ξ²(2 − 5ρ²)/(48σ³) (Medvedev–Scaillet short-expiry expansion).
     */
    private HestonParameters heuristicGuess(Problem pr) {
        int m = pr.expiries.length;
        double[] atm = new double[m];
        double[] slope = new double[m];
        double[] curv = new double[m];
        for (int e = 0; e < m; e++) {
            double[] coef = quadraticFit(pr.strikes[e], pr.marketVols[e], pr.forwards[e]);
            atm[e] = coef[0] > 0 ? coef[0] : median(pr.marketVols[e]);
            slope[e] = coef[1];
            curv[e] = coef[2];
        }
        double v0 = atm[0] * atm[0];
        double theta = atm[m - 1] * atm[m - 1];
        double kappa = 1.5;
        if (m >= 2) {
            double bestErr = Double.POSITIVE_INFINITY;
            for (double k : new double[] {0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8}) {
                // weighted linear least squares for (v0, θ): w_i ≈ v0 b_i + θ (T_i − b_i), weights 1/w_i
                double s11 = 0;
                double s12 = 0;
                double s22 = 0;
                double r1 = 0;
                double r2 = 0;
                for (int e = 0; e < m; e++) {
                    double t = pr.expiries[e];
                    double w = atm[e] * atm[e] * t;
                    double b = -Math.expm1(-k * t) / k;
                    double x1 = b / w;
                    double x2 = (t - b) / w;
                    s11 += x1 * x1;
                    s12 += x1 * x2;
                    s22 += x2 * x2;
                    r1 += x1;
                    r2 += x2;
                }
                double det = s11 * s22 - s12 * s12;
                if (!(Math.abs(det) > 1e-14 * s11 * s22)) {
                    continue;
                }
                double a = clamp((s22 * r1 - s12 * r2) / det, V_MIN, V_MAX);
                double th = clamp((s11 * r2 - s12 * r1) / det, V_MIN, V_MAX);
                double err = 0;
                for (int e = 0; e < m; e++) {
                    double t = pr.expiries[e];
                    double w = atm[e] * atm[e] * t;
                    double model = th * t + (a - th) * (-Math.expm1(-k * t) / k);
                    err += (model / w - 1) * (model / w - 1);
                }
                if (err < bestErr) {
                    bestErr = err;
                    kappa = k;
                    v0 = a;
                    theta = th;
                }
            }
        }
        // skew and curvature from expiries up to about two years (longer ones carry little of it)
        double[] rx = new double[m];
        double[] c2 = new double[m];
        int n = 0;
        for (int e = 0; e < m; e++) {
            if (pr.expiries[e] > 2.0 && n > 0) {
                continue;
            }
            double x = kappa * pr.expiries[e];
            double g = x < 1e-6 ? 1 : 2 * (1 - (-Math.expm1(-x)) / x) / x;
            rx[n] = slope[e] * 4 * atm[e] / g;
            c2[n] = curv[e] * 48 * atm[e] * atm[e] * atm[e] / g;
            n++;
        }
        double rhoXi = median(Arrays.copyOf(rx, n));
        double curvature = median(Arrays.copyOf(c2, n));
        double xi2 = 0.5 * (curvature + 5 * rhoXi * rhoXi);
        double xi = Math.sqrt(Math.max(xi2, 2.25 * rhoXi * rhoXi));
        xi = clamp(Double.isFinite(xi) ? xi : 0.5, 0.05, 3.0);
        double rho = clamp(rhoXi / xi, -0.9, 0.9);
        return clip(v0, kappa, theta, xi, Double.isFinite(rho) ? rho : 0.0);
    }

    /** Least-squares σ = a + b k + c k² (lower degree with fewer distinct strikes). */
    private static double[] quadraticFit(double[] strikes, double[] vols, double forward) {
        int n = strikes.length;
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int j = 0; j < n; j++) {
            double k = Math.log(strikes[j] / forward);
            double[] row = {1, k, k * k};
            for (int a = 0; a < 3; a++) {
                atb[a] += row[a] * vols[j];
                for (int b = 0; b < 3; b++) {
                    ata[a][b] += row[a] * row[b];
                }
            }
        }
        int deg = Math.min(3, n);
        double[] sol = new double[3];
        while (deg > 0) {
            try {
                var lu = new org.apache.commons.math3.linear.LUDecomposition(
                        new Array2DRowRealMatrix(sub(ata, deg)), 1e-14);
                if (!lu.getSolver().isNonSingular()) {
                    deg--;
                    continue;
                }
                double[] s = lu.getSolver().solve(new ArrayRealVector(Arrays.copyOf(atb, deg))).toArray();
                System.arraycopy(s, 0, sol, 0, deg);
                break;
            } catch (RuntimeException e) {
                deg--;
            }
        }
        return sol;
    }

    private static double[][] sub(double[][] a, int d) {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, out[i], 0, d);
        }
        return out;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }
}
