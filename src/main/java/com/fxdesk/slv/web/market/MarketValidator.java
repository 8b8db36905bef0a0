package com.fxdesk.slv.web.market;

import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.support.Domain;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every rule on market data, each violation reported with its JSON path. Runs before any engine work, so the
 * engine only ever sees well-formed input (it may still reject, e.g., quotes whose delta cannot be inverted: 422).
 */
@Component
public class MarketValidator {
    /** Vols are decimals: 5 = 500% is far beyond any FX vol and catches percent-for-decimal mistakes above it. */
    public static final double MAX_VOL = 5.0;
    /** Zero rates as decimals: |r| ≤ 100%. */
    static final double MAX_ABS_RATE = 1.0;

    private final LimitsProperties limits;

    public MarketValidator(LimitsProperties limits) {
        this.limits = limits;
    }

    public void validate(String path, MarketDto m, Violations v) {
        if (!v.required(path, m)) {
            return;
        }
        if (m.pair() != null && (m.pair().isBlank() || m.pair().length() > 32)) {
            v.add(path + ".pair", "must be a non-blank currency pair code (at most 32 characters)");
        }
        Domain.spot(path + ".spot", m.spot(), v);
        curve(path + ".domesticRate", m.domesticRate(), v);
        curve(path + ".foreignRate", m.foreignRate(), v);
        volatility(path + ".volatility", m.volatility(),
                m.spot() != null && m.spot() >= Domain.MIN_SPOT && m.spot() <= Domain.MAX_SPOT ? m.spot() : null, v);
    }

    private void curve(String path, RateCurveDto c, Violations v) {
        if (!v.required(path, c)) {
            return;
        }
        boolean hasFlat = c.flat() != null;
        boolean hasCurve = c.times() != null || c.zeroRates() != null;
        if (hasFlat == hasCurve) {
            v.add(path, "give either 'flat' or both 'times' and 'zeroRates'");
            return;
        }
        if (hasFlat) {
            v.range(path + ".flat", c.flat(), -MAX_ABS_RATE, false, MAX_ABS_RATE);
            return;
        }
        boolean timesOk = v.list(path + ".times", c.times(), limits.maxCurvePoints())
                && v.numbers(path + ".times", c.times(), true, true);
        boolean ratesOk = v.list(path + ".zeroRates", c.zeroRates(), limits.maxCurvePoints());
        if (ratesOk) {
            for (int i = 0; i < c.zeroRates().size(); i++) {
                v.range(path + ".zeroRates[" + i + "]", c.zeroRates().get(i), -MAX_ABS_RATE, false, MAX_ABS_RATE);
            }
        }
        if (c.times() != null && c.zeroRates() != null && c.times().size() != c.zeroRates().size()) {
            v.add(path + ".zeroRates", "must have as many elements as times (" + c.times().size() + "), has "
                    + c.zeroRates().size());
        }
        if (timesOk && c.times().get(c.times().size() - 1) > 100) {
            v.add(path + ".times", "times are in years; the last one is beyond 100 years");
        }
    }

    private void volatility(String path, VolatilityDto vol, Double spot, Violations v) {
        if (!v.required(path, vol)) {
            return;
        }
        if ((vol.quotes() == null) == (vol.grid() == null)) {
            v.add(path, "give exactly one of 'quotes' and 'grid'");
            return;
        }
        if (vol.quotes() != null) {
            quotes(path + ".quotes", vol.quotes(), v);
        } else {
            grid(path + ".grid", vol.grid(), spot, v);
        }
    }

    private void quotes(String path, VolQuotesDto q, Violations v) {
        v.required(path + ".deltaType", q.deltaType());
        v.required(path + ".atmType", q.atmType());
        v.required(path + ".butterflyType", q.butterflyType());
        if (!v.list(path + ".pillars", q.pillars(), limits.maxPillars())) {
            return;
        }
        Double prevExpiry = null;
        for (int i = 0; i < q.pillars().size(); i++) {
            String p = path + ".pillars[" + i + "]";
            VolPillarDto pillar = q.pillars().get(i);
            if (!v.required(p, pillar)) {
                continue;
            }
            if (pillar.tenor() != null && (pillar.tenor().isBlank() || pillar.tenor().length() > 16)) {
                v.add(p + ".tenor", "must be a non-blank tenor label (at most 16 characters)");
            }
            if (Domain.expiry(p + ".expiry", pillar.expiry(), limits.maxMaturity(), v)) {
                if (prevExpiry != null && !(pillar.expiry() > prevExpiry)) {
                    v.add(p + ".expiry", "must be greater than the previous pillar's expiry (" + prevExpiry
                            + "): pillars must be in increasing expiry");
                }
                prevExpiry = pillar.expiry();
            }
            boolean atmOk = v.range(p + ".atm", pillar.atm(), 0, true, MAX_VOL);
            boolean rr25 = v.range(p + ".rr25", pillar.rr25(), -MAX_VOL, false, MAX_VOL);
            boolean bf25 = v.range(p + ".bf25", pillar.bf25(), -MAX_VOL, false, MAX_VOL);
            if (atmOk && rr25 && bf25) {
                wings(p, "25", pillar.atm(), pillar.rr25(), pillar.bf25(), q.butterflyType(), v);
            }
            if ((pillar.rr10() == null) != (pillar.bf10() == null)) {
                v.add(p + (pillar.rr10() == null ? ".rr10" : ".bf10"),
                        "10-delta quotes are optional but must come as a pair: give both rr10 and bf10 or neither");
            } else if (pillar.rr10() != null) {
                boolean rr10 = v.range(p + ".rr10", pillar.rr10(), -MAX_VOL, false, MAX_VOL);
                boolean bf10 = v.range(p + ".bf10", pillar.bf10(), -MAX_VOL, false, MAX_VOL);
                if (atmOk && rr10 && bf10) {
                    wings(p, "10", pillar.atm(), pillar.rr10(), pillar.bf10(), q.butterflyType(), v);
                }
            }
        }
    }

    /** With a smile strangle the wing vols are explicit: σC,P = ATM + BF ± RR/2 must be valid vols. */
    private static void wings(String p, String delta, double atm, double rr, double bf, ButterflyType type,
                              Violations v) {
        if (type == ButterflyType.SMILE) {
            double call = atm + bf + rr / 2;
            double put = atm + bf - rr / 2;
            if (!(call > 0 && call <= MAX_VOL && put > 0 && put <= MAX_VOL)) {
                v.add(p + ".rr" + delta, "implies " + delta + "-delta wing vols atm + bf ± rr/2 = "
                        + call + ", " + put + " outside (0, " + MAX_VOL + "]");
            }
        } else if (!(atm + bf > 0)) {
            v.add(p + ".bf" + delta, "atm + bf" + delta + " must be > 0");
        }
    }

    private void grid(String path, VolGridDto g, Double spot, Violations v) {
        if (!v.list(path + ".expiries", g.expiries(), limits.maxPillars())) {
            return;
        }
        if (v.numbers(path + ".expiries", g.expiries(), true, true)) {
            Domain.expiry(path + ".expiries[0]", g.expiries().get(0), limits.maxMaturity(), v);
            if (g.expiries().size() > 1) {
                int last = g.expiries().size() - 1;
                Domain.expiry(path + ".expiries[" + last + "]", g.expiries().get(last), limits.maxMaturity(), v);
            }
        }
        int n = g.expiries().size();
        boolean strikesOk = shape(path + ".strikes", g.strikes(), n, v);
        boolean volsOk = shape(path + ".vols", g.vols(), n, v);
        if (!strikesOk || !volsOk) {
            return;
        }
        long total = 0;
        for (List<Double> row : g.strikes()) {
            total += row == null ? 0 : row.size();
        }
        if (total > limits.maxGridPoints()) {
            v.add(path + ".strikes", "has " + total + " points in all; the limit is " + limits.maxGridPoints());
            return;
        }
        for (int i = 0; i < n; i++) {
            String sp = path + ".strikes[" + i + "]";
            String vp = path + ".vols[" + i + "]";
            List<Double> ks = g.strikes().get(i);
            List<Double> vs = g.vols().get(i);
            if (!v.list(sp, ks, limits.maxGridPoints()) | !v.list(vp, vs, limits.maxGridPoints())) {
                continue;
            }
            if (v.numbers(sp, ks, true, true) && spot != null) {
                for (int j = 0; j < ks.size(); j++) {
                    if (!Domain.level(sp + "[" + j + "]", ks.get(j), spot, Domain.MAX_SPOT_RATIO, "the spot", v)) {
                        break;
                    }
                }
            }
            if (ks.size() != vs.size()) {
                v.add(vp, "must have as many vols as strikes[" + i + "] (" + ks.size() + "), has " + vs.size());
                continue;
            }
            for (int j = 0; j < vs.size(); j++) {
                v.range(vp + "[" + j + "]", vs.get(j), 0, true, MAX_VOL);
            }
        }
    }

    private static boolean shape(String path, List<List<Double>> rows, int expiries, Violations v) {
        if (!v.required(path, rows)) {
            return false;
        }
        if (rows.size() != expiries) {
            v.add(path, "must have one row per expiry (" + expiries + "), has " + rows.size());
            return false;
        }
        return true;
    }
}
