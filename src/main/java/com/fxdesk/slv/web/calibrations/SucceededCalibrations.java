package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.jobs.Job;
import com.fxdesk.slv.jobs.JobOutcome;
import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.jobs.JobStatus;
import com.fxdesk.slv.web.errors.ApiProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The finished calibration behind a job id: 404 for an unknown id, 409 for a job that has not SUCCEEDED. */
@Component
public class SucceededCalibrations {
    private final JobService jobs;

    public SucceededCalibrations(JobService jobs) {
        this.jobs = jobs;
    }

    public Calibrated get(String id) {
        Job job = jobs.find(id).orElseThrow(() -> ApiProblemException.notFound("no calibration job with id " + id
                + " (finished jobs are kept for a limited time)"));
        JobStatus status = job.status(); // read before the outcome: the job writes its status last
        JobOutcome outcome = job.outcome();
        if (status != JobStatus.SUCCEEDED || outcome == null
                || !(outcome.internal() instanceof Calibrated c)) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "Conflict",
                    "job " + id + " has status " + status + "; this resource needs a SUCCEEDED calibration");
        }
        return c;
    }

    /** The job's stored result view (with the round-trip statistics and the quality verdict), or null. */
    public CalibrationResultView view(String id) {
        get(id);
        return jobs.find(id).map(Job::outcome).map(JobOutcome::view)
                .filter(CalibrationResultView.class::isInstance).map(CalibrationResultView.class::cast).orElse(null);
    }

    /** The job's real id (resolves "latest"). */
    public String id(String idOrAlias) {
        return jobs.find(idOrAlias).map(Job::id).orElse(idOrAlias);
    }
}
