package com.fxdesk.slv.web.report;

import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxDates;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The calibration report: one self-contained HTML page (inline SVG and CSS, no script, no external asset) that
 * ties a finished SLV calibration together — the leverage as a heatmap in log-moneyness × time and as slices around
 * the forward, the regression E[V | S] at one time with the particles it was fitted to, implied vol per pillar with
 * quotes, the calibrated Heston and the SLV round trip, the round trip as an expiry × delta table coloured by
 * z-score, timings and the quality verdict.
 */
public final class CalibrationReport {
    private static final String[] SLICE_TENORS = {"1W", "1M", "6M", "1Y", "5Y"};
    private static final int HEAT_TIMES = 72;
    private static final int HEAT_Y = 40;

    /** What the report shows. verdict and verdictReasons may be null (no quality assessment available). */
    public record Input(String id, FxMarket market, VolSurface surface, HestonParameters heston,
                        SlvCalibrationResult result, String estimator, double hestonMs, double localVolMs,
                        double totalMs, String verdict, List<String> verdictReasons, Map<String, String> links) {
    }

    private CalibrationReport() {
    }

    /** The page; regressionTime: the time (years) whose regression to show, null for the slice nearest 1Y. */
    public static String html(Input in, Double regressionTime) {
        FxMarket m = in.market();
        SlvCalibrationResult r = in.result();
        double maturity = r.propagationTimes()[r.propagationTimes().length - 1];
        StringBuilder b = new StringBuilder(200_000);
        String title = "SLV calibration " + in.id() + " — " + m.pair();
        // an empty inline icon: the browser would otherwise fetch /favicon.ico (a 404 in the console)
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
                + "<title>").append(Html.escape(title))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        b.append("<h1>").append(Html.escape(title)).append("</h1>");
        b.append("<p class=\"meta\">valuation date ").append(m.valuationDate() != null ? m.valuationDate() : "—")
                .append(" · spot ").append(num(m.spot(), 6)).append(" · maturity ").append(num(maturity, 4))
                .append(" y · ").append(r.particles()).append(" particles · mixing η = ").append(num(r.mixing(), 3))
                .append(" · estimator ").append(Html.escape(in.estimator())).append("</p>");
        links(b, in.links());
        verdict(b, in);
        summary(b, in, maturity);
        b.append("<h2 id=\"leverage\">Leverage L(S, t)</h2><p>Log-moneyness y = ln(S / F(t)) against time; white is "
                + "L = 1 (pure Heston), red above, blue below. Dashed: ±2 ATM standard deviations, where most "
                + "particles are. L is flat in S beyond each slice's spot grid.</p>");
        b.append("<div class=\"row\">").append(heatmap(in, maturity)).append("</div>");
        b.append("<div class=\"row\">").append(slices(in, maturity, true)).append(slices(in, maturity, false))
                .append("</div>");
        b.append("<h2 id=\"regression\">Regression E[V | S]</h2>");
        b.append("<div class=\"row\">").append(regression(in, regressionTime, maturity)).append("</div>");
        b.append("<h2 id=\"implied-vol\">Implied volatility per pillar</h2><p>Line: the arbitrage-free surface; "
                + "filled circles: the quotes; squares with ±1 standard-error bars: the SLV round trip (Monte Carlo "
                + "with the calibrated leverage); dashed: the calibrated Heston model before mixing.</p>");
        b.append("<div class=\"grid\">").append(impliedVols(in, maturity)).append("</div>");
        b.append("<h2 id=\"round-trip\">Round trip: model − market implied vol (bp)</h2>");
        roundTripTable(b, r.roundTrip());
        b.append("</body></html>");
        return b.toString();
    }

    private static void links(StringBuilder b, Map<String, String> links) {
        if (links == null || links.isEmpty()) {
            return;
        }
        b.append("<p class=\"meta\">");
        boolean first = true;
        for (Map.Entry<String, String> e : links.entrySet()) {
            b.append(first ? "" : " · ").append("<a href=\"").append(Html.escape(e.getValue())).append("\">")
                    .append(Html.escape(e.getKey())).append("</a>");
            first = false;
        }
        b.append("</p>");
    }

    private static void verdict(StringBuilder b, Input in) {
        RoundTripResult rt = in.result().roundTrip();
        String v = in.verdict();
        if (v == null) {
            b.append("<p class=\"verdict none\">Quality verdict: ")
                    .append(rt == null ? "not assessed (the calibration ran without a round trip)" : "not assessed")
                    .append("</p>");
            return;
        }
        String cls = switch (v) {
            case "PASS" -> "pass";
            case "WARN" -> "warn";
            default -> "fail";
        };
        b.append("<p class=\"verdict ").append(cls).append("\">Quality verdict: <b>").append(Html.escape(v))
                .append("</b>");
        if (in.verdictReasons() != null && !in.verdictReasons().isEmpty()) {
            b.append("<br>");
            for (String reason : in.verdictReasons()) {
                b.append(Html.escape(reason)).append("<br>");
            }
        }
        b.append("</p>");
    }

    private static void summary(StringBuilder b, Input in, double maturity) {
        SlvCalibrationResult r = in.result();
        HestonParameters h = in.heston();
        HestonParameters mh = r.mixedHeston();
        b.append("<div class=\"row\"><table><caption>Heston</caption><tr><th></th><th>v0</th><th>κ</th><th>θ</th>"
                + "<th>ξ</th><th>ρ</th></tr>");
        b.append("<tr><th>calibrated</th>").append(params(h)).append("</tr><tr><th>mixed (ξ·η)</th>")
                .append(params(mh)).append("</tr></table>");
        SlvCalibrationResult.Timings t = r.timings();
        b.append("<table><caption>Timings (ms)</caption>");
        row(b, "Heston fit", in.hestonMs());
        row(b, "local vol", in.localVolMs());
        row(b, "leverage (particles)", t.leverageMs());
        row(b, "  of which regression", t.regressionMs());
        row(b, "  of which propagation", t.propagationMs());
        row(b, "round trip", t.roundTripMs());
        row(b, "total", in.totalMs());
        b.append("</table><table><caption>Diagnostics</caption>");
        b.append("<tr><th>regression times</th><td>").append(r.slices().size()).append("</td></tr>");
        b.append("<tr><th>propagation steps</th><td>").append(r.propagationTimes().length - 1).append("</td></tr>");
        b.append("<tr><th>path-steps / s</th><td>").append(String.format(Locale.ROOT, "%.3g", r.pathStepsPerSecond()))
                .append("</td></tr>");
        b.append("<tr><th>leverage floored / capped</th><td>").append(r.leverageFloored()).append(" / ")
                .append(r.leverageCapped()).append("</td></tr>");
        b.append("<tr><th>variance floored</th><td>").append(r.varianceFloored()).append("</td></tr>");
        RoundTripResult rt = r.roundTrip();
        if (rt != null) {
            b.append("<tr><th>round trip RMS / max</th><td>").append(num(rt.rmsErrorBps(), 2)).append(" / ")
                    .append(num(rt.maxErrorBps(), 2)).append(" bp (").append(rt.paths()).append(" paths + ")
                    .append(rt.extraPaths()).append(" extra, ")
                    .append(rt.failed()).append(" not priced)</td></tr>");
        }
        b.append("</table></div>");
    }

    private static String params(HestonParameters p) {
        return "<td>" + num(p.v0(), 6) + "</td><td>" + num(p.kappa(), 4) + "</td><td>" + num(p.theta(), 6)
                + "</td><td>" + num(p.xi(), 4) + "</td><td>" + num(p.rho(), 4) + "</td>";
    }

    private static void row(StringBuilder b, String name, double ms) {
        b.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(num(ms, 1)).append("</td></tr>");
    }

    /** ATM total standard deviation σ_ATM(t)·√t from the surface (the first pillar's vol before it). */
    private static double atmStd(VolSurface s, double t) {
        double tt = Math.max(t, 1e-4);
        double vol = s.impliedVol(Math.max(tt, 1e-4), s.forward(tt));
        return vol * Math.sqrt(tt);
    }

    private static String heatmap(Input in, double maturity) {
        LeverageFunction lev = in.result().leverage();
        VolSurface s = in.surface();
        double yMax = Math.min(3.0, 3 * atmStd(s, maturity));
        double[] xs = new double[HEAT_TIMES + 1];
        double[] ys = new double[HEAT_Y + 1];
        for (int i = 0; i <= HEAT_TIMES; i++) {
            xs[i] = maturity * i / HEAT_TIMES;
        }
        for (int j = 0; j <= HEAT_Y; j++) {
            ys[j] = -yMax + 2 * yMax * j / HEAT_Y;
        }
        double[][] v = new double[HEAT_TIMES][HEAT_Y];
        double dev = 0.05;
        for (int i = 0; i < HEAT_TIMES; i++) {
            double t = 0.5 * (xs[i] + xs[i + 1]);
            double f = s.forward(t);
            double band = 2 * atmStd(s, t);
            for (int j = 0; j < HEAT_Y; j++) {
                double y = 0.5 * (ys[j] + ys[j + 1]);
                v[i][j] = lev.value(t, f * Math.exp(y));
                if (Math.abs(y) <= band) {
                    dev = Math.max(dev, Math.abs(v[i][j] - 1));
                }
            }
        }
        double span = Math.min(1.0, dev);
        int n = 120;
        double[] tt = new double[n];
        double[] up = new double[n];
        double[] dn = new double[n];
        for (int i = 0; i < n; i++) {
            tt[i] = maturity * (i + 1) / n;
            up[i] = 2 * atmStd(s, tt[i]);
            dn[i] = -up[i];
        }
        SvgPlot p = new SvgPlot(860, 380, String.format(Locale.ROOT,
                "L(S, t): colour scale ±%.2f around 1 (blue %.2f, red %.2f)", span, 1 - span, 1 + span),
                "time t (years)", "y = ln(S / F(t))").xRange(0, maturity).yRange(-yMax, yMax)
                .heatmap(xs, ys, v, 1.0, span)
                .line("±2 ATM std dev", tt, up, "#333", true).line(null, tt, dn, "#333", true).hline(0, "#333");
        return p.render();
    }

    /** Standard tenors' expiries: by the FX date rules when the market has a valuation date, else nominal. */
    static Map<String, Double> tenorTimes(FxMarket m) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String tenor : SLICE_TENORS) {
            double t;
            if (m.valuationDate() != null) {
                t = FxDates.expiryYearFraction(m.valuationDate(), tenor, FxDates.spotLag(m.pair()));
            } else {
                FxDates.Tenor x = FxDates.Tenor.parse(tenor);
                t = switch (x.unit()) {
                    case WEEK -> 7.0 * x.amount() / 365;
                    case MONTH -> x.amount() / 12.0;
                    case YEAR -> x.amount();
                    default -> x.amount() / 365.0;
                };
            }
            out.put(tenor, t);
        }
        return out;
    }

    private static String slices(Input in, double maturity, boolean shortDated) {
        VolSurface s = in.surface();
        LeverageFunction lev = in.result().leverage();
        Map<String, Double> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : tenorTimes(in.market()).entrySet()) {
            boolean isShort = e.getValue() < 0.25;
            if (isShort == shortDated && e.getValue() <= maturity + 1e-9) {
                chosen.put(e.getKey(), e.getValue());
            }
        }
        if (chosen.isEmpty()) {
            // the horizon is shorter than every standard tenor of this group: show the maturity itself
            if (shortDated != (maturity >= 0.25)) {
                chosen.put(String.format(Locale.ROOT, "t = %.3f", maturity), maturity);
            } else {
                return "";
            }
        }
        double tMax = chosen.values().stream().max(Double::compare).orElse(maturity);
        double yMax = Math.min(3.0, 3 * atmStd(s, tMax));
        SvgPlot p = new SvgPlot(425, 320, shortDated ? "Short-dated leverage slices" : "Long-dated leverage slices",
                "y = ln(S / F(t))", "L").xRange(-yMax, yMax).hline(1, "#999").vline(0, "#999", "forward");
        int c = 0;
        for (Map.Entry<String, Double> e : chosen.entrySet()) {
            double t = Math.min(e.getValue(), Math.nextDown(maturity));
            double f = s.forward(t);
            int k = 161;
            double[] y = new double[k];
            double[] l = new double[k];
            for (int i = 0; i < k; i++) {
                y[i] = -yMax + 2 * yMax * i / (k - 1);
                l[i] = lev.value(t, f * Math.exp(y[i]));
            }
            p.line(e.getKey(), y, l, SvgPlot.PALETTE[c++ % SvgPlot.PALETTE.length], false);
        }
        return p.render();
    }

    private static String regression(Input in, Double requested, double maturity) {
        List<RegressionSlice> slices = in.result().slices();
        double want = requested != null ? requested : Math.min(1.0, maturity);
        RegressionSlice best = null;
        for (RegressionSlice sl : slices) {
            if (sl.time() > 0 && (best == null || Math.abs(sl.time() - want) < Math.abs(best.time() - want))) {
                best = sl;
            }
        }
        if (best == null) {
            return "<p>No regression slice after t = 0.</p>";
        }
        double f = in.surface().forward(best.time());
        float[] sx = best.sampleLogSpot();
        float[] sv = best.sampleVariance();
        int n = sx == null ? 0 : sx.length;
        double[] px = new double[n];
        double[] pv = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = sx[i] - Math.log(f);
            pv[i] = sv[i];
        }
        double[] gy = new double[best.spots().length];
        for (int i = 0; i < gy.length; i++) {
            gy[i] = Math.log(best.spots()[i] / f);
        }
        String title = String.format(Locale.ROOT, "E[V | S] at t = %.4f (%s), %d of %d particles shown", best.time(),
                best.diagnostics().estimator(), n, in.result().particles());
        SvgPlot p = new SvgPlot(860, 360, title, "y = ln(S / F(t))", "variance V")
                .markers("particles (V against ln S/F)", px, pv, null, "#1f77b4", "dot")
                .line("fit E[V | S]", gy, best.conditionalVariance(), "#d62728", false)
                .hline(best.meanVariance(), "#2ca02c");
        return p.render() + "<p class=\"meta\">Choose the time with <code>?time=</code> (years); the nearest "
                + "regression time is shown. Green dotted: the particles' mean V.</p>";
    }

    private static String impliedVols(Input in, double maturity) {
        VolSurface s = in.surface();
        FxMarket m = in.market();
        RoundTripResult rt = in.result().roundTrip();
        HestonPricer pricer = new HestonPricer();
        StringBuilder b = new StringBuilder();
        for (SmilePillar pillar : s.pillars()) {
            double t = pillar.expiry();
            double[] k = pillar.strikes();
            double lo = k[0];
            double hi = k[k.length - 1];
            double pad = 0.15 * (hi - lo);
            int n = 80;
            double[] kk = new double[n];
            for (int i = 0; i < n; i++) {
                kk[i] = lo - pad + (hi - lo + 2 * pad) * i / (n - 1);
            }
            VolSurface.SmileSample smile = s.smile(t, kk);
            String name = pillar.tenor() != null ? pillar.tenor() + String.format(Locale.ROOT, " (T = %.4f)", t)
                    : String.format(Locale.ROOT, "T = %.4f", t);
            SvgPlot p = new SvgPlot(420, 280, name, "strike", "implied vol")
                    .line("surface", kk, smile.vols(), "#1f77b4", false)
                    .markers("quotes", k, pillar.vols(), null, "#333", "circle");
            if (smile.heldCount() > 0) { // a fallback is drawn apart from the inverted smile, and counted
                p.line("fallback: no time value (" + smile.heldCount() + " pts)", kk, smile.held(), "#999", true);
            }
            double[] hv = hestonVols(pricer, in.heston(), m, t, kk);
            if (hv != null) {
                p.line("Heston", kk, hv, "#2ca02c", true);
            }
            if (rt != null) {
                List<RoundTripResult.Point> pts = rt.points().stream()
                        .filter(q -> Math.abs(q.expiry() - t) < 1e-10 && Double.isFinite(q.modelVol())
                                && q.modelVol() > 0).toList();
                if (!pts.isEmpty()) {
                    double[] x = pts.stream().mapToDouble(RoundTripResult.Point::strike).toArray();
                    double[] y = pts.stream().mapToDouble(RoundTripResult.Point::modelVol).toArray();
                    double[] e = pts.stream().mapToDouble(q -> q.stdErrorBps() / 1e4).toArray();
                    p.markers("SLV round trip", x, y, e, "#d62728", "square");
                }
            }
            b.append(p.render());
        }
        return b.toString();
    }

    /** Heston implied vols on the strikes, or null if the pricer cannot give them all (never NaN in the page). */
    private static double[] hestonVols(HestonPricer pricer, HestonParameters h, FxMarket m, double t, double[] k) {
        try {
            double f = m.forward(t);
            double df = m.domesticDf(t);
            boolean[] call = new boolean[k.length];
            for (int i = 0; i < k.length; i++) {
                call[i] = k[i] >= f;
            }
            double[] price = pricer.priceStrip(h, t, f, df, k, call);
            double[] vol = new double[k.length];
            for (int i = 0; i < k.length; i++) {
                vol[i] = BlackFormula.impliedVol(call[i], f, k[i], t, price[i], df);
            }
            return vol;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void roundTripTable(StringBuilder b, RoundTripResult rt) {
        if (rt == null) {
            b.append("<p>This calibration ran without a round trip (<code>roundTrip.enabled: false</code>).</p>");
            return;
        }
        b.append("<p>Each cell: error ± one Monte Carlo standard error (bp), and z = error / standard error. Colour by "
                + "|z|: green &lt; 2 (within Monte Carlo noise), amber 2–3, red ≥ 3; grey: not priced (the Monte Carlo "
                + "price could not be inverted to a vol). ").append(rt.paths()).append(" paths, and ")
                .append(rt.extraPaths()).append(" extra paths where the first ones left a standard error above the target.</p>");
        Map<Double, Map<String, RoundTripResult.Point>> grid = new TreeMap<>();
        TreeSet<String> columns = new TreeSet<>(Comparator.comparingDouble(CalibrationReport::columnOrder)
                .thenComparing(Comparator.naturalOrder()));
        Map<Double, String> tenor = new TreeMap<>();
        for (RoundTripResult.Point p : rt.points()) {
            String label = p.label() == null ? "" : p.label();
            int space = label.lastIndexOf(' ');
            String col = space >= 0 ? label.substring(space + 1) : String.format(Locale.ROOT, "K %.5g", p.strike());
            if (space > 0) {
                tenor.put(p.expiry(), label.substring(0, space));
            }
            columns.add(col);
            grid.computeIfAbsent(p.expiry(), e -> new LinkedHashMap<>()).put(col, p);
        }
        b.append("<table class=\"rt\"><tr><th>expiry</th>");
        for (String c : columns) {
            b.append("<th>").append(Html.escape(c)).append("</th>");
        }
        b.append("</tr>");
        for (Map.Entry<Double, Map<String, RoundTripResult.Point>> e : grid.entrySet()) {
            String name = tenor.getOrDefault(e.getKey(), "");
            b.append("<tr><th>").append(Html.escape(name)).append(name.isEmpty() ? "" : " ")
                    .append(num(e.getKey(), 4)).append("</th>");
            for (String c : columns) {
                RoundTripResult.Point p = e.getValue().get(c);
                if (p == null) {
                    b.append("<td></td>");
                } else if (!Double.isFinite(p.errorBps()) || !Double.isFinite(p.modelVol()) || p.modelVol() <= 0) {
                    b.append("<td class=\"np\">not priced</td>");
                } else {
                    double z = p.stdErrorBps() > 0 ? p.errorBps() / p.stdErrorBps() : Double.NaN;
                    double az = Math.abs(z);
                    String cls = !Double.isFinite(z) ? "np" : az < 2 ? "ok" : az < 3 ? "amber" : "bad";
                    b.append("<td class=\"").append(cls).append("\" title=\"K = ").append(num(p.strike(), 6))
                            .append(", market ").append(num(100 * p.marketVol(), 3)).append("%, model ")
                            .append(num(100 * p.modelVol(), 3)).append("%\">").append(num(p.errorBps(), 1))
                            .append(" ± ").append(num(p.stdErrorBps(), 1)).append("<br><small>z = ")
                            .append(Double.isFinite(z) ? num(z, 2) : "—").append("</small></td>");
                }
            }
            b.append("</tr>");
        }
        b.append("</table>");
        b.append("<p class=\"meta\">RMS ").append(num(rt.rmsErrorBps(), 2)).append(" bp, max |error| ")
                .append(num(rt.maxErrorBps(), 2)).append(" bp over ").append(rt.points().size() - rt.failed())
                .append(" priced points.</p>");
    }

    /** Puts by falling delta, ATM, then calls by rising delta: 10P 25P ATM 25C 10C. */
    private static double columnOrder(String c) {
        if (c.matches("\\d{1,2}[PC]")) {
            double d = Integer.parseInt(c.substring(0, c.length() - 1));
            return c.endsWith("P") ? d - 100 : 100 - d;
        }
        return c.equals("ATM") ? 0 : 1000;
    }

    private static String num(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static final String CSS = "body{font-family:sans-serif;margin:20px;color:#222;max-width:1300px}"
            + "h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}"
            + ".meta{color:#555;font-size:13px}.row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}"
            + ".grid{display:flex;flex-wrap:wrap;gap:6px}table{border-collapse:collapse;font-size:12px;margin:6px}"
            + "caption{font-weight:bold;text-align:left}th,td{border:1px solid #ddd;padding:3px 6px;text-align:right}"
            + "td.ok{background:#d9f2d9}td.amber{background:#ffe9b3}td.bad{background:#f7c4c4}td.np{background:#eee}"
            + ".verdict{padding:8px;border-radius:4px}.pass{background:#d9f2d9}.warn{background:#ffe9b3}"
            + ".fail{background:#f7c4c4}.none{background:#eee}";
}
