package com.fxdesk.slv.web.calibrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import java.time.Instant;

/** A calibration job as GET /api/v1/calibrations/{id} shows it; result only when SUCCEEDED, error when FAILED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, JobStatus status, double progress, String phase, Boolean cancelRequested,
                      String error, Instant createdAt, Instant startedAt, Instant finishedAt, Integer attempts,
                      String batchId, String replica, Object result) {

    /**
     * result: the stored result of a SUCCEEDED job (null: not shown). attempts: only once a job was claimed again
     * (its replica stopped). replica: the replica running it, or the one that ran it.
     */
    public static JobView of(JobRecord j, Object result) {
        return new JobView(j.id(), j.status(), j.progress(), j.phase(),
                j.cancelRequested() && !j.status().isFinal() ? Boolean.TRUE : null, j.error(), j.createdAt(),
                j.startedAt(), j.finishedAt(), j.attempts() > 1 ? j.attempts() : null, j.batchId(), j.worker(),
                j.status() == JobStatus.SUCCEEDED ? result : null);
    }
}
