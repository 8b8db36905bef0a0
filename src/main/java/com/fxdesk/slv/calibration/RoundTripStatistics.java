package com.fxdesk.slv.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Round-trip figures a desk can act on: a point is <em>resolved</em> when its price was inverted and its Monte
 * Carlo standard error (in vol bp) is at most {@code thresholdBps}; the headline RMS, max and the groups by delta
 * label and by expiry use resolved points only, so repricing noise at strikes far out of the money (standard errors
 * of tens of bp) cannot pass for calibration error. Unresolved points are counted and listed apart. z = error /
 * standard error: |z| above 3 on a resolved point is a calibration error the Monte Carlo does resolve.
 *
 * @param thresholdBps      the resolution threshold on the standard error (vol bp)
 * @param resolved          points with a finite error and standard error ≤ threshold
 * @param unresolved        the others (standard error above the threshold, or no implied vol)
 * @param rmsErrorBps       over resolved points (NaN when none)
 * @param maxErrorBps       largest |error| over resolved points (NaN when none)
 * @param maxAbsZ           largest |z| over resolved points (NaN when none)
 * @param byDelta           resolved figures per delta label ("25P"), with unresolved counts
 * @param byExpiry          the same per expiry
 * @param unresolvedPoints  the unresolved points themselves
 */
public record RoundTripStatistics(double thresholdBps, int resolved, int unresolved, double rmsErrorBps,
                                  double maxErrorBps, double maxAbsZ, List<Group> byDelta, List<Group> byExpiry,
                                  List<RoundTripResult.Point> unresolvedPoints) {

    /** Standard-error threshold of the service's headline: 1 bp of vol. */
    public static final double DEFAULT_THRESHOLD_BPS = 1.0;

    /** One bucket: resolved count, RMS and max |error| over them (NaN when none), and the unresolved count. */
    public record Group(String key, int resolved, int unresolved, double rmsErrorBps, double maxErrorBps) {
    }

    public static boolean isResolved(RoundTripResult.Point p, double thresholdBps) {
        return Double.isFinite(p.modelVol()) && p.modelVol() > 0 && Double.isFinite(p.errorBps())
                && p.stdErrorBps() <= thresholdBps;
    }

    public static RoundTripStatistics of(RoundTripResult result, double thresholdBps) {
        if (!(thresholdBps > 0)) {
            throw new IllegalArgumentException("resolution threshold must be > 0 bp");
        }
        Map<String, double[]> delta = new LinkedHashMap<>();
        Map<String, double[]> expiry = new LinkedHashMap<>();
        List<RoundTripResult.Point> open = new ArrayList<>();
        double sumSq = 0;
        double max = 0;
        double maxZ = 0;
        int ok = 0;
        for (RoundTripResult.Point p : result.points()) {
            boolean res = isResolved(p, thresholdBps);
            double[] d = delta.computeIfAbsent(RoundTrip.deltaBucket(p.label()), k -> new double[4]);
            double[] e = expiry.computeIfAbsent(expiryKey(p), k -> new double[4]);
            if (!res) {
                open.add(p);
                d[3]++;
                e[3]++;
                continue;
            }
            double err = p.errorBps();
            ok++;
            sumSq += err * err;
            max = Math.max(max, Math.abs(err));
            if (p.stdErrorBps() > 0) {
                maxZ = Math.max(maxZ, Math.abs(err) / p.stdErrorBps());
            }
            for (double[] g : new double[][] {d, e}) {
                g[0]++;
                g[1] += err * err;
                g[2] = Math.max(g[2], Math.abs(err));
            }
        }
        return new RoundTripStatistics(thresholdBps, ok, open.size(), ok == 0 ? Double.NaN : Math.sqrt(sumSq / ok),
                ok == 0 ? Double.NaN : max, ok == 0 ? Double.NaN : maxZ, groups(delta), groups(expiry),
                List.copyOf(open));
    }

    /** The tenor of labels like "1M 25P", else the expiry in years. */
    static String expiryKey(RoundTripResult.Point p) {
        String l = p.label() == null ? "" : p.label().strip();
        int space = l.indexOf(' ');
        return space > 0 ? l.substring(0, space) : String.format(java.util.Locale.ROOT, "%.4fY", p.expiry());
    }

    private static List<Group> groups(Map<String, double[]> m) {
        List<Group> out = new ArrayList<>(m.size());
        m.forEach((k, g) -> out.add(new Group(k, (int) g[0], (int) g[3], g[0] == 0 ? Double.NaN : Math.sqrt(g[1] / g[0]),
                g[0] == 0 ? Double.NaN : g[2])));
        return List.copyOf(out);
    }
}
