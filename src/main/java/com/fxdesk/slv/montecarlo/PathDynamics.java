package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.model.LogSpotLattice;
import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.model.SpatialCorrection;
import com.fxdesk.slv.volatility.LocalVolSurface;

/**
 * The model a path simulation runs: Black–Scholes (exact GBM), local vol, Heston or SLV. All four advance
 * x = ln S; the stochastic ones also V, through {@link SlvStep} (Heston is SLV with L ≡ 1). A dynamics is
 * bound to a time grid once per simulation ({@link #bind}), which precomputes everything per step (steppers,
 * σ_LV or leverage lattices), so the path loop does no surface calls and no allocation.
 */
public interface PathDynamics {

    /** Gaussian factors per step (1 for BS/LV, 2 for Heston/SLV). */
    int factors();

    Kernel bind(TimeGrid grid, FxMarket market);

    /**
     * The variance dynamics of the L ≡ 1 Heston companion path that {@link Kernel#step} also advances (same variance
     * path, same spot normals), or null when it has none: its vanilla prices are known in closed form, so products
     * can use it as a control variate ({@link PayoffBook.Builder#controlledVanilla}).
     */
    default HestonParameters companion() {
        return null;
    }

    /**
     * The local vol of the pure local-vol companion path that {@link Kernel#step} also advances, or null when it has
     * none: dS = σ_LV(t, S) S dW driven by the Gaussian ρ Z_V + √(1 − ρ²) Z_S built from the step's two normals
     * (exactly Gaussian, so the companion is the Euler scheme of the local-vol model, a martingale step by step; it is
     * only partly correlated with the SLV spot, whose correlated part the QE step derives from V's increment, which is
     * why the control is weak: docs/calibration-quality.md 8.1), σ_LV on the
     * lattices of {@link #localVolLattices}. Its vanilla prices are the surface's own, so products can use it as a
     * control variate ({@link PayoffBook.Builder#controlledVanilla(boolean, double, double, double, double[],
     * double[], double[], double[])}).
     */
    default LocalVolSurface localVolCompanion() {
        return null;
    }

    /** Per-simulation, immutable and thread-safe. */
    interface Kernel {
        double initialVariance();

        /**
         * Advances paths [0, count) over step n. zS/zV are independent standard normals (zV unused with one
         * factor). On return stepVar[i] (unless stepVar is null: no barrier) holds the variance of ln S accumulated
         * over the step (σ²Δt with σ the step's vol), which the Brownian-bridge barrier correction uses; lev is
         * scratch. companion: the L ≡ 1 companion's log-spots, advanced too when the dynamics has one
         * ({@link PathDynamics#companion()}), else null; localVol: the local-vol companion's log-spots
         * ({@link PathDynamics#localVolCompanion()}), else null.
         */
        void step(int n, double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] stepVar,
                  double[] companion, double[] localVol, int count);
    }

    static PathDynamics blackScholes(double vol) {
        if (!(vol > 0)) {
            throw new IllegalArgumentException("Black-Scholes vol must be > 0");
        }
        return new PathDynamics() {
            public int factors() {
                return 1;
            }

            public Kernel bind(TimeGrid grid, FxMarket market) {
                int n = grid.steps();
                double[] driftDt = new double[n];
                double[] volSqrtDt = new double[n];
                double[] var = new double[n];
                for (int i = 0; i < n; i++) {
                    double dt = grid.dt(i);
                    driftDt[i] = (market.drift(grid.time(i), grid.time(i + 1)) - 0.5 * vol * vol) * dt;
                    volSqrtDt[i] = vol * Math.sqrt(dt);
                    var[i] = vol * vol * dt;
                }
                return new Kernel() {
                    public double initialVariance() {
                        return 0;
                    }

                    public void step(int s, double[] x, double[] v, double[] lev, double[] zS, double[] zV,
                                     double[] stepVar, double[] companion, double[] lv, int count) {
                        double a = driftDt[s];
                        double b = volSqrtDt[s];
                        double c = var[s];
                        for (int i = 0; i < count; i++) {
                            x[i] += a + b * zS[i];
                        }
                        if (stepVar != null) {
                            java.util.Arrays.fill(stepVar, 0, count, c);
                        }
                    }
                };
            }
        };
    }

    /**
     * Local vol, σ_LV sampled per step at the step's mid time on the lattices of {@link #localVolLattices} (at the
     * step-start spot's moneyness), flat beyond (paths there are ~1e-12 rare); log-Euler, plus the weak order 2.0
     * terms of σ_LV's x-dependence on the steps whose lattice is steep ({@link SpatialCorrection}).
     */
    static PathDynamics localVol(LocalVolSurface surface) {
        return new PathDynamics() {
            public int factors() {
                return 1;
            }

            public Kernel bind(TimeGrid grid, FxMarket market) {
                int n = grid.steps();
                LogSpotLattice[] lattice = localVolLattices(surface, grid, market);
                SpatialCorrection[] spatial = corrections(lattice, null, grid);
                double[] drift = new double[n];
                for (int i = 0; i < n; i++) {
                    drift[i] = market.drift(grid.time(i), grid.time(i + 1));
                }
                return new Kernel() {
                    public double initialVariance() {
                        return 0;
                    }

                    public void step(int s, double[] x, double[] v, double[] lev, double[] zS, double[] zV,
                                     double[] stepVar, double[] companion, double[] lv, int count) {
                        lattice[s].at(x, lev, 0, count);
                        double dt = grid.dt(s);
                        if (spatial[s] != null) {
                            SlvStep.localVolCorrection(x, lev, zS, null, Math.sqrt(dt), 0, spatial[s], dt, drift[s],
                                    0, count);
                        }
                        SlvStep.localVol(x, lev, zS, dt, drift[s], 0, count);
                        for (int i = 0; stepVar != null && i < count; i++) {
                            stepVar[i] = lev[i] * lev[i] * dt;
                        }
                    }
                };
            }
        };
    }

    /** Nodes of each step's σ_LV lattice ({@link #localVolLattices}). */
    int LV_NODES = 401;

    /**
     * σ_LV per step of a grid, sampled at the step's mid time t_m (at the step-start spot's moneyness: node x holds
     * σ_LV(t_m, e^x F(t_m)/F(t_n))) on {@value #LV_NODES} log-spot nodes covering ln F(t_n) ± (7 σ_ATM √t + 0.05), read
     * by linear interpolation, flat beyond (paths there are ~1e-12 rare): the local
     * vol of {@link #localVol} and of the SLV's local-vol companion ({@link #localVolCompanion()}), one scheme for both.
     */
    static LogSpotLattice[] localVolLattices(LocalVolSurface surface, TimeGrid grid, FxMarket market) {
        int n = grid.steps();
        int nodes = LV_NODES;
        LogSpotLattice[] lattice = new LogSpotLattice[n];
        double[] spots = new double[nodes];
        double[] out = new double[nodes];
        for (int i = 0; i < n; i++) {
            double t0 = grid.time(i);
            double t1 = grid.time(i + 1);
            double tm = 0.5 * (t0 + t1);
            double f = Math.log(market.forward(t0));
            // the lattice is read at the step's start spot S_n: σ at the mid time is taken at the spot carried
            // there by the forward, S_n F(t_mid)/F(t_n) (the same moneyness), not at S_n itself, which would read the
            // local vol μΔt/2 too far toward the puts (measured on USDTRY, μ ≈ 30%: 1–3 bp in the call wing)
            double carry = market.forward(tm) / market.forward(t0);
            double atm = surface.localVol(tm, Math.exp(f) * carry);
            double half = 7 * Math.min(Math.max(atm, 0.01), 2.0) * Math.sqrt(t1) + 0.05;
            double[] x = LogSpotLattice.nodes(f - half, f + half, nodes);
            for (int j = 0; j < nodes; j++) {
                spots[j] = Math.exp(x[j]) * carry;
            }
            surface.localVol(tm, spots, out, nodes);
            lattice[i] = LogSpotLattice.of(f - half, f + half, out);
        }
        return lattice;
    }

    /**
     * Per step, the weak-2 terms of the lattice's spatial variation ({@link SpatialCorrection}; null where the gate
     * leaves the step plain Euler, and for L ≡ 1), V averaging its mean E[V] at the step's mid time under
     * {@code variance} (null: local vol, V ≡ 1).
     */
    static SpatialCorrection[] corrections(LogSpotLattice[] lattice, HestonParameters variance, TimeGrid grid) {
        SpatialCorrection[] c = new SpatialCorrection[lattice.length];
        for (int i = 0; i < lattice.length; i++) {
            if (lattice[i] != null) {
                double tm = 0.5 * (grid.time(i) + grid.time(i + 1));
                double meanV = variance == null ? 1.0 : variance.theta()
                        + (variance.v0() - variance.theta()) * Math.exp(-variance.kappa() * tm);
                c[i] = SpatialCorrection.of(lattice[i], meanV, grid.dt(i));
            }
        }
        return c;
    }

    /** Per step of the grid: the leverage slice in force at the step start (all null without a leverage). */
    private static LogSpotLattice[] lattices(LeverageFunction leverage, TimeGrid grid) {
        LogSpotLattice[] lattice = new LogSpotLattice[grid.steps()];
        if (leverage != null) {
            for (int i = 0; i < lattice.length; i++) {
                lattice[i] = leverage.lattice(leverage.sliceIndex(grid.time(i)));
            }
        }
        return lattice;
    }

    /**
     * Per step of {@code grid}: whether the SLV paths of {@link #slv}({@code mixedParams}, {@code leverage}) run it
     * with the {@link SpatialCorrection} (the same gate as the bound kernel's), for costing the paths (the work budget,
     * docs/calibration-quality.md section 5). The local-vol companion's own correction is not included.
     */
    static boolean[] correctedSteps(HestonParameters mixedParams, LeverageFunction leverage, TimeGrid grid) {
        SpatialCorrection[] c = corrections(lattices(leverage, grid), mixedParams, grid);
        boolean[] on = new boolean[c.length];
        for (int i = 0; i < c.length; i++) {
            on[i] = c[i] != null;
        }
        return on;
    }

    /** Pure Heston: SLV with L ≡ 1 and η = 1. */
    static PathDynamics heston(HestonParameters params) {
        return stochastic(params, null, false, null);
    }

    /**
     * SLV: variance with the mixed vol-of-vol ({@code params} already scaled by η), leverage L(S, t_n) from the
     * calibrated function's slice in force at the step start, read by the function's own rule (linear in ln S, flat
     * beyond), exactly as the calibration moved its particles — with the same {@link SpatialCorrection} gate and terms
     * on a step of the same length.
     */
    static PathDynamics slv(HestonParameters mixedParams, LeverageFunction leverage) {
        if (leverage == null) {
            throw new IllegalArgumentException("SLV needs a leverage function");
        }
        return stochastic(mixedParams, leverage, false, null);
    }

    /**
     * {@link #slv} with the L ≡ 1 Heston companion path ({@link #companion()} = {@code mixedParams}): the round trip's
     * control variate. The SLV paths are bit-identical to those of {@link #slv}.
     */
    static PathDynamics slvWithHestonCompanion(HestonParameters mixedParams, LeverageFunction leverage) {
        if (leverage == null) {
            throw new IllegalArgumentException("SLV needs a leverage function");
        }
        return stochastic(mixedParams, leverage, true, null);
    }

    /**
     * {@link #slv} with companion paths for the round trip's control variates: the L ≡ 1 Heston companion when
     * {@code heston}, and the pure local-vol companion of {@code localVol} (null: none), see
     * {@link #localVolCompanion()}. The SLV paths are bit-identical to those of {@link #slv}.
     */
    static PathDynamics slvWithCompanions(HestonParameters mixedParams, LeverageFunction leverage, boolean heston,
                                          LocalVolSurface localVol) {
        if (leverage == null) {
            throw new IllegalArgumentException("SLV needs a leverage function");
        }
        return stochastic(mixedParams, leverage, heston, localVol);
    }

    private static PathDynamics stochastic(HestonParameters params, LeverageFunction leverage, boolean withCompanion,
                                           LocalVolSurface localVol) {
        return new PathDynamics() {
            public int factors() {
                return 2;
            }

            public HestonParameters companion() {
                return withCompanion ? params : null;
            }

            public LocalVolSurface localVolCompanion() {
                return localVol;
            }

            public Kernel bind(TimeGrid grid, FxMarket market) {
                int n = grid.steps();
                SlvStep[] steppers = new SlvStep[n];
                for (int i = 0; i < n; i++) {
                    steppers[i] = new SlvStep(params, grid.dt(i), market.drift(grid.time(i), grid.time(i + 1)));
                }
                LogSpotLattice[] lattice = lattices(leverage, grid);
                SpatialCorrection[] spatial = corrections(lattice, params, grid);
                LogSpotLattice[] lvLattice = localVol == null ? null : localVolLattices(localVol, grid, market);
                SpatialCorrection[] lvSpatial = lvLattice == null ? null : corrections(lvLattice, null, grid);
                double[] lvDrift = new double[n];
                for (int i = 0; i < n; i++) {
                    lvDrift[i] = market.drift(grid.time(i), grid.time(i + 1));
                }
                // the local-vol companion's Brownian increment per unit σ: √Δt (ρ Z_V + √(1 − ρ²) Z_S) from the step's
                // normals, partly correlated with the SLV spot's (Z_S alone when V is deterministic: the SLV step then
                // reads Z_S only and the two coincide)
                boolean deterministic = params.xi() < 1e-10;
                double rho = deterministic ? 0.0 : params.rho();
                double perp = Math.sqrt(1 - rho * rho);
                double v0 = params.v0();
                // per-thread V_{n+1} scratch (the kernel is shared by the workers); fetched once per block step
                ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[0]);
                return new Kernel() {
                    public double initialVariance() {
                        return v0;
                    }

                    public void step(int s, double[] x, double[] v, double[] lev, double[] zS, double[] zV,
                                     double[] stepVar, double[] companion, double[] lv, int count) {
                        if (lattice[s] == null) {
                            java.util.Arrays.fill(lev, 0, count, 1.0);
                        } else {
                            lattice[s].at(x, lev, 0, count);
                        }
                        double[] next = scratch.get();
                        if (next.length < count) {
                            next = new double[count];
                            scratch.set(next);
                        }
                        steppers[s].step(x, v, lev, zS, zV, next, stepVar, companion, spatial[s], 0, count);
                        if (lv != null) { // lev is free again: σ_LV at the companion's spots
                            lvLattice[s].at(lv, lev, 0, count);
                            double dt = grid.dt(s);
                            double mu = lvDrift[s] * dt;
                            double a = perp * Math.sqrt(dt);
                            double b = rho * Math.sqrt(dt);
                            if (lvSpatial[s] != null) {
                                SlvStep.localVolCorrection(lv, lev, zS, deterministic ? null : zV, a, b, lvSpatial[s],
                                        dt, lvDrift[s], 0, count);
                            }
                            for (int i = 0; i < count; i++) {
                                double sg = lev[i];
                                lv[i] += mu - 0.5 * sg * sg * dt + sg * (a * zS[i] + b * zV[i]);
                            }
                        }
                    }
                };
            }
        };
    }
}
