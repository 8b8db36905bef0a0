package com.fxdesk.slv.web.surface;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.volatility.ArbitrageReport;
import com.fxdesk.slv.volatility.ArbitrageViolation;
import com.fxdesk.slv.volatility.LocalVolGrid;
import com.fxdesk.slv.volatility.SmilePillar;
import java.util.ArrayList;
import java.util.List;

/**
 * The surface: smile pillars as strikes (with the fit residual of each point), requested points with implied and
 * local vol, a local-vol grid (with how many points Dupire had to floor or cap), and the arbitrage report.
 */
public record SurfaceResponse(List<Pillar> pillars, List<Point> points, LocalVol localVolGrid, Arbitrage arbitrage,
                              long elapsedMs) {

    /** deltas: the quoted delta of each point (absent for grid input: a 200 carries no null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pillar(String tenor, double expiry, double forward, double[] strikes, double[] vols,
                         String[] labels, List<Double> deltas, double[] fitResidualBps) {

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
                    p.fitResidualBps());
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

    public record Arbitrage(boolean ok, List<ArbitrageViolation> violations) {

        public static Arbitrage of(ArbitrageReport r) {
            return new Arbitrage(r.ok(), r.violations());
        }
    }
}
