package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.security.Clients;
import com.fxdesk.slv.web.errors.ApiProblemException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The finished calibration behind a job id (or "latest") of the calling client: 404 for an unknown id or another
 * client's job, 409 for a job that has not SUCCEEDED.
 */
@Component
public class SucceededCalibrations {
    private final JobService jobs;

    public SucceededCalibrations(JobService jobs) {
        this.jobs = jobs;
    }

    private JobRecord succeeded(String id) {
        JobRecord job = jobs.find(id, Clients.current()).orElseThrow(() -> ApiProblemException.notFound(
                "no calibration job with id " + id + " (finished jobs are kept for a limited time)"));
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "Conflict",
                    "job " + id + " has status " + job.status() + "; this resource needs a SUCCEEDED calibration");
        }
        return job;
    }

    /** The calibrated model (rebuilt from the stored request on a replica that did not run it). */
    public Calibrated get(String id) {
        String real = succeeded(id).id();
        Optional<Calibrated> model;
        try {
            model = jobs.model(real, Calibrated.class);
        } catch (Exception e) {
            model = Optional.empty();
        }
        return model.orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT, "Conflict",
                "job " + id + " holds no calibrated model; this resource needs a SUCCEEDED calibration"));
    }

    /** The job's stored result (with the round-trip statistics and the quality verdict), or null. */
    public JsonNode view(String id) {
        return jobs.result(succeeded(id).id()).orElse(null);
    }

    /** The job's real id (resolves "latest"). */
    public String id(String idOrAlias) {
        return succeeded(idOrAlias).id();
    }
}
