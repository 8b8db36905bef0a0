package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.web.ApiTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fxdesk.slv.jobs.JobOutcome;
import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.jobs.JobTask;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;

/**
 * The job lifecycle over HTTP with a stand-in calibration (the engine's own behaviour is tested elsewhere):
 * 202 + Location, wait=true, 429 + Retry-After on a full queue, DELETE cancelling, failures isolated, list order.
 */
class CalibrationJobsApiTest extends ApiTestSupport {
    private static final String JOBS = "/api/v1/calibrations";

    @MockitoBean
    SlvCalibrationService calibration;

    private final List<CountDownLatch> releases = new ArrayList<>();

    @BeforeEach
    void handler() {
        when(calibration.kind()).thenReturn(SlvCalibrationService.KIND);
        when(calibration.toJson(any())).thenReturn("{}");
    }

    @AfterEach
    void releaseAll() {
        releases.forEach(CountDownLatch::countDown);
    }

    /** A job that runs until released (or cancelled), like the engine checking its flag each step. */
    private JobTask<Calibrated> blocking(CountDownLatch started) {
        CountDownLatch release = new CountDownLatch(1);
        releases.add(release);
        return ctx -> {
            started.countDown();
            ctx.progress(0.3, "leverage");
            while (!release.await(5, TimeUnit.MILLISECONDS)) {
                if (ctx.cancelled().getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException();
                }
            }
            return new JobOutcome<>(Map.of("mixing", 0.66), null);
        };
    }

    private static JsonNode waitFor(ApiTestSupport t, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode job;
        do {
            job = json(t.get(JOBS + "/" + id));
            if (job.get("status").asString().equals(status)) {
                return job;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not reach " + status + ": " + job);
    }

    @Test
    void lifecycleQueueLimitAndCancellation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        when(calibration.task(any())).thenReturn(blocking(started), blocking(new CountDownLatch(1)),
                blocking(new CountDownLatch(1)), blocking(new CountDownLatch(1)));
        HttpResponse<String> first = post(JOBS, calibration());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String id = json(first).get("id").asString();
        assertThat(first.headers().firstValue("Location").orElse("")).endsWith(JOBS + "/" + id);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        JsonNode running = waitFor(this, id, "RUNNING");
        assertThat(running.get("progress").asDouble()).isEqualTo(0.3);
        assertThat(running.has("result")).isFalse();

        // queue capacity 2 (test properties): two wait, the next is refused with Retry-After
        String q1 = json(post(JOBS, calibration())).get("id").asString();
        String q2 = json(post(JOBS, calibration())).get("id").asString();
        HttpResponse<String> refused = post(JOBS, calibration());
        problem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(json(get(JOBS + "/" + q1)).get("status").asString()).isEqualTo("QUEUED");

        // newest first
        JsonNode list = json(get(JOBS)).get("jobs");
        assertThat(list.get(0).get("id").asString()).isEqualTo(q2);
        assertThat(list.get(1).get("id").asString()).isEqualTo(q1);

        // cancel a queued job (at once) and the running one (when it next checks)
        assertThat(json(delete(JOBS + "/" + q1)).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(delete(JOBS + "/" + id).statusCode()).isEqualTo(200);
        waitFor(this, id, "CANCELLED");
        // a finished job is deleted from the store (frees its memory), then unknown
        assertThat(delete(JOBS + "/" + id).statusCode()).isEqualTo(204);
        problem(get(JOBS + "/" + id), 404);
        problem(delete(JOBS + "/" + id), 404);
        String prom = get("/actuator/prometheus").body();
        assertThat(prom).contains("slv_jobs_finished_total{").contains("status=\"CANCELLED\"");
        delete(JOBS + "/" + q2);
        waitFor(this, q2, "CANCELLED");
    }

    @Test
    void waitTrueAnswers200WithTheResultAndFailuresStayInTheirJob() throws Exception {
        when(calibration.task(any())).thenReturn(ctx -> {
            throw new IllegalStateException("engine bug");
        }, ctx -> new JobOutcome<>(Map.of("mixing", 0.5), null));
        HttpResponse<String> failed = post(JOBS + "?wait=true", calibration());
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
        assertThat(json(failed).get("status").asString()).isEqualTo("FAILED");
        assertThat(json(failed).get("error").asString()).startsWith("internal error (reference").doesNotContain("bug");
        HttpResponse<String> ok = post(JOBS + "?wait=true", calibration());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode job = json(ok);
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        // (the mocked outcome is no calibration, so the job shows no result; the point is the status)
        assertThat(json(get(JOBS + "/" + job.get("id").asString())).get("status").asString()).isEqualTo("SUCCEEDED");
    }
}
