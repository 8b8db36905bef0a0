package com.fxdesk.slv.web.support;

import com.fxdesk.slv.calibration.QualityVerdict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Timers of engine work: {@code slv.calibration.phase{phase=heston|localVol|leverage|roundTrip, outcome}} and
 * {@code slv.pricing{model, outcome}}; outcome is success, rejected (engine refused the input), cancelled or error.
 * Quality gauges of the last finished calibration per currency pair: {@code slv.calibration.roundtrip.rms} and
 * {@code slv.calibration.roundtrip.max} (resolved points, vol bp; NaN when none resolved),
 * {@code slv.calibration.roundtrip.unresolved} and {@code slv.calibration.quality} (0 PASS, 1 WARN, 2 FAIL), tagged
 * {@code pair}; operators alert on quality, not only on errors.
 */
@Component
public class EngineMetrics {
    private final MeterRegistry registry;
    /** pair → {rms, max, unresolved, verdict}; gauges read these (bounded by the pairs seen). */
    private final ConcurrentMap<String, double[]> quality = new ConcurrentHashMap<>();

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T phase(String phase, Callable<T> work) throws Exception {
        return time("slv.calibration.phase", "SLV calibration phase", "phase", phase, work);
    }

    public <T> T pricing(String model, Callable<T> work) throws Exception {
        return time("slv.pricing", "Pricing by model", "model", model, work);
    }

    private <T> T time(String name, String description, String key, String value, Callable<T> work) throws Exception {
        long t0 = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.call();
            outcome = "success";
            return result;
        } catch (IllegalArgumentException e) {
            outcome = "rejected";
            throw e;
        } catch (CancellationException e) {
            outcome = "cancelled";
            throw e;
        } finally {
            Timer.builder(name).description(description).tag(key, value).tag("outcome", outcome)
                    .register(registry).record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Records a phase measured elsewhere (e.g. the engine's own timings). */
    public void record(String phase, String outcome, long nanos) {
        Timer.builder("slv.calibration.phase").description("SLV calibration phase").tag("phase", phase)
                .tag("outcome", outcome).register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Publishes the quality of a finished calibration of {@code pair}. */
    public void quality(String pair, QualityVerdict q) {
        String key = pair == null || pair.isBlank() ? "unknown" : pair.strip().toUpperCase(java.util.Locale.ROOT);
        double[] v = quality.computeIfAbsent(key, k -> {
            double[] cells = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            gauge("slv.calibration.roundtrip.rms", "Resolved round-trip RMS error of the last calibration, vol bp", k,
                    cells, 0);
            gauge("slv.calibration.roundtrip.max", "Resolved round-trip max error of the last calibration, vol bp", k,
                    cells, 1);
            gauge("slv.calibration.roundtrip.unresolved", "Unresolved round-trip points of the last calibration", k,
                    cells, 2);
            gauge("slv.calibration.quality", "Verdict of the last calibration: 0 PASS, 1 WARN, 2 FAIL", k, cells, 3);
            return cells;
        });
        v[0] = q.rmsErrorBps();
        v[1] = q.maxErrorBps();
        v[2] = q.unresolved();
        v[3] = q.verdict().ordinal();
    }

    private void gauge(String name, String description, String pair, double[] cells, int i) {
        Gauge.builder(name, cells, c -> c[i]).description(description).tag("pair", pair).register(registry);
    }

    public static String outcome(Throwable e) {
        return e instanceof IllegalArgumentException ? "rejected"
                : e instanceof CancellationException ? "cancelled" : "error";
    }
}
