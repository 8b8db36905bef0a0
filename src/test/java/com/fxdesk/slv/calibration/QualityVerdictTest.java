package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityVerdictTest {
    private static final QualityVerdict.Thresholds T = new QualityVerdict.Thresholds(1.0, 3.0, 8.0, 9.0, 24.0);

    private static RoundTripResult.Point point(String label, double err, double se) {
        return new RoundTripResult.Point(1.0, 1.0, label, true, 0.1, 0.1 + err * 1e-4, err, se, 0.01);
    }

    private static RoundTripResult rt(RoundTripResult.Point... p) {
        return new RoundTripResult(List.of(p), 0, 0, List.of(), 0, 100, 10, 0, 1);
    }

    private static SlvCalibrationResult result(long floored, long capped) {
        return new SlvCalibrationResult(null, null, 0.66, new double[0], List.of(), new double[0], floored, capped, 0, 0,
                2048, 0, 0, null, null);
    }

    @Test
    void headlineUsesResolvedPointsOnlyAndListsTheOthers() {
        RoundTripStatistics s = RoundTripStatistics.of(rt(point("1Y 25P", 2.0, 0.5), point("1Y ATM", -1.0, 0.4),
                point("1Y 10C", 90.0, 60.0), point("2Y 25P", 3.0, 0.9)), 1.0);
        assertEquals(3, s.resolved());
        assertEquals(1, s.unresolved());
        assertEquals(Math.sqrt((4 + 1 + 9) / 3.0), s.rmsErrorBps(), 1e-12);
        assertEquals(3.0, s.maxErrorBps());
        assertEquals(4.0, s.maxAbsZ(), 1e-12); // 2 bp at 0.5 se
        assertEquals("1Y 10C", s.unresolvedPoints().get(0).label());
        RoundTripStatistics.Group p25 = s.byDelta().get(0);
        assertEquals("25P", p25.key());
        assertEquals(2, p25.resolved());
        assertEquals(List.of("1Y", "2Y"), s.byExpiry().stream().map(RoundTripStatistics.Group::key).toList());
        assertEquals(1, s.byExpiry().get(0).unresolved());
    }

    @Test
    void verdictFollowsTheThresholds() {
        RoundTripResult good = rt(point("1Y 25P", 2.0, 0.5), point("1Y ATM", -1.0, 0.4));
        QualityVerdict pass = QualityVerdict.judge(result(0, 0), RoundTripStatistics.of(good, 1.0), List.of(), T);
        assertEquals(QualityVerdict.Verdict.PASS, pass.verdict());
        assertTrue(pass.reasons().isEmpty());

        QualityVerdict clipped = QualityVerdict.judge(result(3, 0), RoundTripStatistics.of(good, 1.0), List.of(), T);
        assertEquals(QualityVerdict.Verdict.WARN, clipped.verdict());
        assertEquals(3, clipped.leverageClipped());

        RoundTripResult warnMax = rt(point("1Y 25P", 9.5, 0.5), point("1Y ATM", 0.0, 0.4), point("1Y 25C", 0, 0.4),
                point("2Y ATM", 0, 0.4), point("3Y ATM", 0, 0.4), point("5Y ATM", 0, 0.4), point("4Y ATM", 0, 0.4),
                point("6Y ATM", 0, 0.4), point("7Y ATM", 0, 0.4), point("8Y ATM", 0, 0.4), point("9Y ATM", 0, 0.4));
        assertEquals(QualityVerdict.Verdict.WARN,
                QualityVerdict.judge(result(0, 0), RoundTripStatistics.of(warnMax, 1.0), List.of(), T).verdict());

        RoundTripResult bad = rt(point("1Y 25P", 30.0, 0.5));
        QualityVerdict fail = QualityVerdict.judge(result(0, 0), RoundTripStatistics.of(bad, 1.0), List.of(), T);
        assertEquals(QualityVerdict.Verdict.FAIL, fail.verdict());
        assertTrue(fail.reasons().get(0).contains("(fail)"), fail.reasons().toString());

        RoundTripResult noisy = rt(point("1Y 25P", 30.0, 20.0));
        QualityVerdict unresolved = QualityVerdict.judge(result(0, 0), RoundTripStatistics.of(noisy, 1.0), List.of(),
                T);
        assertEquals(QualityVerdict.Verdict.WARN, unresolved.verdict()); // noise is not evidence of failure

        // but an unresolved error far beyond the fail max in standard errors is: a crisis surface that resolves no
        // point at 1 bp and reprices hundreds of bp off must not pass as WARN
        RoundTripResult farOff = rt(point("1Y ATM", 512.8, 4.6), point("1W ATM", 17.0, 1.9));
        QualityVerdict crisis = QualityVerdict.judge(result(0, 0), RoundTripStatistics.of(farOff, 1.0), List.of(), T);
        assertEquals(QualityVerdict.Verdict.FAIL, crisis.verdict());
        assertTrue(crisis.reasons().stream().anyMatch(r -> r.contains("1 unresolved points off by more than 24.00 bp")
                && r.contains("1Y ATM")), crisis.reasons().toString());
        QualityVerdict noVol = QualityVerdict.judge(result(0, 0),
                RoundTripStatistics.of(rt(point("1Y 10C", Double.NaN, Double.NaN)), 1.0), List.of(), T);
        assertEquals(QualityVerdict.Verdict.WARN, noVol.verdict());
        assertTrue(noVol.reasons().stream().anyMatch(r -> r.startsWith("1 round-trip points without an implied vol")),
                noVol.reasons().toString());
        // just inside: 24 + 3 × 2 = 30 bp is not significantly beyond
        assertEquals(QualityVerdict.Verdict.WARN, QualityVerdict.judge(result(0, 0),
                RoundTripStatistics.of(rt(point("1Y ATM", 30.0, 2.0)), 1.0), List.of(), T).verdict());

        assertEquals(QualityVerdict.Verdict.WARN, QualityVerdict.judge(result(0, 0), RoundTripStatistics.of(good, 1.0),
                List.of("butterfly arbitrage at 1W"), T).verdict());
        assertEquals(QualityVerdict.Verdict.WARN, QualityVerdict.judge(result(0, 0), null, List.of(), T).verdict());
    }
}
