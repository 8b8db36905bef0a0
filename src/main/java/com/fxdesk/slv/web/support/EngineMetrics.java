package com.fxdesk.slv.web.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.springframework.stereotype.Component;

/**
 * Timers of engine work: {@code slv.calibration.phase{phase=heston|localVol|leverage|roundTrip, outcome}} and
 * {@code slv.pricing{model, outcome}}; outcome is success, rejected (engine refused the input), cancelled or error.
 */
@Component
public class EngineMetrics {
    private final MeterRegistry registry;

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

    public static String outcome(Throwable e) {
        return e instanceof IllegalArgumentException ? "rejected"
                : e instanceof CancellationException ? "cancelled" : "error";
    }
}
