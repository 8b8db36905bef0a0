package com.fxdesk.slv.volatility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.MarketDataException;
import com.fxdesk.slv.market.RateCurve;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The surface on quote sets no file in the repository holds: random currency pairs (spot from 0.005 to 20,000), rate
 * differentials from −10% to +40% with term structure, ON to 15Y, ATM 3–60% with any positive forward variance,
 * 25Δ risk reversals up to ±40% of ATM (crisis skews), strangles from flat to steep wings, optional 10Δ, every delta /
 * premium / ATM / strangle convention and per-pillar overrides. Each set either builds a surface that keeps the contract
 * — lattice free of arbitrage, every input repriced within its tolerance or the miss reported as a warning, finite
 * positive implied and local vols over ±6 sd — or is refused with a {@link MarketDataException} naming a field; any
 * other outcome fails. A fixed seed makes every run the same markets.
 */
class UnseenQuoteMarketsPropertyTest {
    private static final String[] TENORS = {"ON", "1W", "2W", "1M", "2M", "3M", "6M", "9M", "1Y", "18M", "2Y", "3Y",
            "5Y", "7Y", "10Y", "15Y"};
    private static final double[] YEARS = {1 / 365.0, 7 / 365.0, 14 / 365.0, 1 / 12.0, 2 / 12.0, 0.25, 0.5, 0.75, 1.0,
            1.5, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0};
    private static int built;
    private static int refused;
    private static int warned;
    private static final List<String> refusals = new ArrayList<>();

    @Provide
    Arbitrary<Long> marketSeeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 40, seed = "20261207", shrinking = ShrinkingMode.OFF)
    void everyQuoteSetBuildsAnArbitrageFreeSurfaceOrIsRefusedNamingAField(@ForAll("marketSeeds") long seed) {
        MarketData md = randomMarket(new SplittableRandom(seed));
        VolSurface s;
        try {
            s = VolSurfaceBuilder.build(md);
        } catch (MarketDataException e) {
            assertThat(e.field()).as("refusal names a field").startsWith("volatility");
            assertThat(e.getMessage()).isNotBlank();
            refused++;
            refusals.add(e.field() + ": " + e.getMessage());
            return;
        }
        built++;
        if (!s.warnings().isEmpty()) {
            warned++;
        }
        ArbitrageReport lattice = ArbitrageScanner.scanLattice(s);
        assertThat(lattice.ok()).as("lattice %s", lattice.violations()).isTrue();
        ArbitrageReport served = ArbitrageScanner.scan(s); // what is served: Black prices at the implied vols
        assertThat(served.ok()).as("served vols %s", served.violations()).isTrue();
        int moved = 0;
        for (SmilePillar p : s.pillars()) {
            for (double r : p.fitResidualBps()) {
                assertThat(Double.isFinite(r)).isTrue();
                if (Math.abs(r) > VolSurfaceBuilder.QUOTE_WARNING_BPS) {
                    moved++;
                }
            }
            for (double r : p.strangleResidualBps()) {
                assertThat(Double.isFinite(r)).isTrue();
                if (Math.abs(r) > VolSurfaceBuilder.QUOTE_WARNING_BPS) {
                    moved++;
                }
            }
        }
        long reported = s.warnings().stream()
                .filter(w -> w.code().equals("MOVED_POINT") || w.code().equals("STRANGLE_RESIDUAL")).count();
        assertThat(reported).as("every input missed by more than %s bp is reported: %s",
                VolSurfaceBuilder.QUOTE_WARNING_BPS, s.warnings()).isEqualTo(moved);
        DupireLocalVol lv = new DupireLocalVol(s);
        double last = s.lastExpiry();
        for (int i = 1; i <= 12; i++) {
            double t = last * i / 12.0;
            double f = s.forward(t);
            double sd = s.impliedVol(t, f) * Math.sqrt(t);
            assertThat(sd).as("ATM sd at %s", t).isFinite().isPositive();
            for (int j = -12; j <= 12; j++) {
                double k = f * Math.exp(sd * j / 2.0);
                double v = s.impliedVol(t, k);
                assertThat(v).as("implied vol at t=%s K=%s", t, k).isFinite().isPositive();
                double l = lv.localVol(t, k);
                assertThat(l).as("local vol at t=%s S=%s", t, k).isFinite().isPositive();
            }
        }
    }

    @AfterContainer
    static void summary() {
        System.out.printf("unseen quote markets: %d built (%d with warnings), %d refused%n", built, warned, refused);
        refusals.forEach(r -> System.out.println("  refused " + r));
    }

    /** A plausible quote set: positive forward variances, skew and wings within what FX markets have quoted. */
    static MarketData randomMarket(SplittableRandom rnd) {
        double spot = Math.exp(Math.log(0.005) + rnd.nextDouble() * Math.log(20_000 / 0.005));
        double rf = -0.01 + rnd.nextDouble() * 0.11;
        double diff = -0.10 + rnd.nextDouble() * 0.50;
        double rd = rf + diff;
        double[] curveT = {0.25, 1.0, 5.0, 15.0};
        double slope = -0.3 + rnd.nextDouble() * 0.6; // relative term structure of the domestic rate
        double[] rdz = new double[4];
        for (int i = 0; i < 4; i++) {
            rdz[i] = rd * (1 + slope * (i - 1.5) / 3);
        }
        FxMarket fx = new FxMarket("XXXYYY", LocalDate.of(2026, 12, 7), spot, RateCurve.of(curveT, rdz),
                RateCurve.flat(rf));

        List<Integer> idx = new ArrayList<>();
        int first = rnd.nextInt(6);
        int last = Math.max(first + 2, 8 + rnd.nextInt(8));
        for (int i = first; i <= last && i < TENORS.length; i++) {
            if (i == first || i == last || rnd.nextDouble() < 0.75) {
                idx.add(i);
            }
        }
        double atm0 = 0.03 + rnd.nextDouble() * 0.45;
        double longRun = 0.03 + rnd.nextDouble() * 0.30;
        double skewSign = rnd.nextBoolean() ? 1 : -1;
        double skew = skewSign * rnd.nextDouble() * 0.40; // RR25 as a fraction of ATM
        double wing = 0.005 + rnd.nextDouble() * 0.12; // BF25 as a fraction of ATM
        boolean tenDelta = rnd.nextBoolean();
        DeltaType delta = rnd.nextBoolean() ? DeltaType.SPOT : DeltaType.FORWARD;
        boolean pa = rnd.nextBoolean();
        AtmType atmType = rnd.nextDouble() < 0.7 ? AtmType.DELTA_NEUTRAL : AtmType.FORWARD;
        ButterflyType bfType = rnd.nextBoolean() ? ButterflyType.MARKET : ButterflyType.SMILE;
        boolean forwardDeltaBeyond1Y = rnd.nextBoolean();

        List<FxVolPillar> pillars = new ArrayList<>();
        double prevVar = 0;
        for (int i : idx) {
            double t = YEARS[i];
            double target = longRun + (atm0 - longRun) * Math.exp(-t / (0.1 + rnd.nextDouble()));
            double atm = target * (0.95 + 0.1 * rnd.nextDouble());
            // keep forward variance positive: ATM total variance increasing by at least 5% of a short interval
            double minVar = prevVar + 0.05 * atm * atm * (t - (pillars.isEmpty() ? 0 : YEARS[idx.get(pillars.size() - 1)]));
            if (atm * atm * t < minVar) {
                atm = Math.sqrt(minVar / t);
            }
            prevVar = atm * atm * t;
            double rr25 = skew * atm * (0.8 + 0.4 * rnd.nextDouble());
            double bf25 = wing * atm * (0.8 + 0.4 * rnd.nextDouble());
            Double rr10 = tenDelta ? rr25 * (1.7 + 0.3 * rnd.nextDouble()) : null;
            Double bf10 = tenDelta ? bf25 * (3.0 + 0.8 * rnd.nextDouble()) : null;
            DeltaType override = forwardDeltaBeyond1Y && t > 1.0 ? DeltaType.FORWARD : null;
            pillars.add(new FxVolPillar(TENORS[i], t, atm, rr25, bf25, rr10, bf10, override, null));
        }
        return new MarketData(fx, new FxVolQuotes(delta, pa, atmType, bfType, pillars));
    }
}
