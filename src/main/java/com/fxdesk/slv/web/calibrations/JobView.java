package com.fxdesk.slv.web.calibrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.jobs.Job;
import com.fxdesk.slv.jobs.JobStatus;
import java.time.Instant;

/** A calibration job as GET /api/v1/calibrations/{id} shows it; result only when SUCCEEDED, error when FAILED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, JobStatus status, double progress, String phase, Boolean cancelRequested,
                      String error, Instant createdAt, Instant startedAt, Instant finishedAt, Object result) {

    public static JobView of(Job j, boolean withResult) {
        Object result = withResult && j.status() == JobStatus.SUCCEEDED && j.outcome() != null ? j.outcome().view()
                : null;
        return new JobView(j.id(), j.status(), j.progress(), j.phase(),
                j.cancelRequested() && !j.status().isFinal() ? Boolean.TRUE : null, j.error(), j.createdAt(),
                j.startedAt(), j.finishedAt(), result);
    }
}
