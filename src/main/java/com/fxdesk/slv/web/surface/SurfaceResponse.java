package com.fxdesk.slv.web.surface;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.volatility.ArbitrageReport;
import com.fxdesk.slv.volatility.ArbitrageType;
import com.fxdesk.slv.volatility.ArbitrageViolation;
import com.fxdesk.slv.volatility.LocalVolGrid;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.SurfaceWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * The surface: smile pillars as strikes (with the fit residual of each point in vol bp, and for market strangles the
 * residual of each strangle), requested points with implied and local vol, a local-vol grid (with how many points
 * Dupire had to floor or cap), the arbitrage report, and warnings: every input point the arbitrage-free surface moved
 * (above 0.5 bp for grids, 0.1 bp for quotes), every strangle it did not reprice, and any local-vol floor/cap.
 */
public record SurfaceResponse(List<Pillar> pillars, List<Point> points, LocalVol localVolGrid, Arbitrage arbitrage,
                              List<Warning> warnings, long elapsedMs) {

    /** deltas: the quoted delta of each point (absent for grid input: a 200 carries no null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pillar(String tenor, double expiry, double forward, double[] strikes, double[] vols,
                         String[] labels, List<Double> deltas, double[] fitResidualBps,
                         double[] strangleResidualBps) {

        public static Pillar of(SmilePillar p) {
            List<Double> deltas = new ArrayList<>(p.deltas().length);
            boolean any = false;
            for (double d : p.deltas()) {
                deltas.add(Double.isFinite(d) ? d : null);
                any |= Double.isFinite(d);
            }
            if (!any) {
                deltas = null;
            }
            return new Pillar(p.tenor(), p.expiry(), p.forward(), p.strikes(), p.vols(), p.labels(), deltas,
                    p.fitResidualBps(), p.strangleResidualBps());
        }
    }

    /**
     * code: MOVED_POINT (input point off the surface by amountBps), STRANGLE_RESIDUAL (market strangle missed by
     * amountBps of vol), LOCAL_VOL_ADJUSTED (amountBps = number of floored/capped local-vol grid points; strike and
     * expiry of the first), IMPLIED_VOL_FALLBACK (an input point, or amountBps = the number of requested points, whose
     * implied vol is not a Black inversion of a price with time value). strike is omitted when the warning is not about one strike.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Warning(String code, String tenor, double expiry, Double strike, double amountBps, String message) {

        public static Warning of(SurfaceWarning w) {
            return new Warning(w.code(), w.tenor(), w.expiry(), Double.isFinite(w.strike()) ? w.strike() : null,
                    w.amountBps(), w.message());
        }

        /** Warnings of a surface plus one for floored/capped local vol on the grid, if any. */
        public static List<Warning> of(List<SurfaceWarning> surface, LocalVolGrid grid) {
            return of(surface, grid, List.of());
        }

        /**
         * Warnings of a surface, one for floored/capped local vol on the grid and one for requested points whose
         * implied vol is a fallback (IMPLIED_VOL_FALLBACK: amountBps = their number; expiry and strike of the first).
         */
        public static List<Warning> of(List<SurfaceWarning> surface, LocalVolGrid grid, List<Point> fallbacks) {
            List<Warning> out = new ArrayList<>(surface.stream().map(Warning::of).toList());
            if (grid != null && grid.adjustedCount() > 0) {
                LocalVolGrid.Adjustment a = grid.adjustments().get(0);
                out.add(new Warning("LOCAL_VOL_ADJUSTED", "", a.time(), a.spot(), grid.adjustedCount(),
                        grid.adjustedCount() + " local-vol grid points floored or capped (" + grid.flooredCount()
                                + " floored, " + grid.cappedCount() + " capped); the first at t=" + a.time()
                                + ", S=" + a.spot()));
            }
            if (!fallbacks.isEmpty()) {
                Point p = fallbacks.get(0);
                out.add(new Warning("IMPLIED_VOL_FALLBACK", "", p.expiry(), p.strike(), fallbacks.size(),
                        fallbacks.size() + " requested points lie where the surface's call price has no time value"
                                + " to double precision; their implied vol is held from the last resolved strike (not"
                                + " a market number); the first at t=" + p.expiry() + ", K=" + p.strike()));
            }
            return out;
        }
    }

    public record Point(double expiry, double strike, double impliedVol, double localVol) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LocalVol(double[] times, double[] spots, double[][] values, int flooredCount, int cappedCount,
                           List<LocalVolGrid.Adjustment> adjustments) {

        public static LocalVol of(LocalVolGrid g) {
            return new LocalVol(g.times(), g.spots(), g.values(), g.flooredCount(), g.cappedCount(), g.adjustments());
        }
    }

    public record Arbitrage(boolean ok, List<Violation> violations) {

        public static Arbitrage of(ArbitrageReport r) {
            return new Arbitrage(r.ok(), r.violations().stream().map(Violation::of).toList());
        }
    }

    /**
     * One arbitrage finding; a strike or amount the scanner cannot state as a number (a wing's slope is "at
     * infinity") is omitted rather than written as null: a 200 carries no null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(ArbitrageType type, double expiry, Double strike, Double amount) {

        static Violation of(ArbitrageViolation v) {
            return new Violation(v.type(), v.expiry(), Double.isFinite(v.strike()) ? v.strike() : null,
                    Double.isFinite(v.amount()) ? v.amount() : null);
        }
    }
}
