package com.fxdesk.slv.bench;

/**
 * The benchmark command: every speed benchmark in one warm JVM, in pipeline order.
 * {@code ./mvnw -B -Pbench test-compile exec:exec} (a single one: {@code -Dbench.main=com.fxdesk.slv.bench.<Name>}).
 * Studies (accuracy tables, round trips, the one-touch ladder, the QuantLib cross-check) are separate mains.
 */
public final class AllBenchmarks {

    private AllBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        section("Surface and local vol");
        SurfaceBenchmark.main(new String[] {"15"});
        section("Black-Scholes analytics");
        BlackScholesAnalyticBenchmark.main(new String[0]);
        section("Heston pricing and calibration");
        HestonBenchmark.main(new String[0]);
        section("Estimators of E[V|S]");
        EstimatorBenchmark.main(new String[0]);
        section("SLV leverage calibration");
        SlvBenchmark.main(new String[0]);
        section("Monte Carlo pricing");
        McBenchmark.main(new String[0]);
    }

    private static void section(String name) {
        System.out.printf("%n==== %s (load average %.1f) ====%n", name,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
