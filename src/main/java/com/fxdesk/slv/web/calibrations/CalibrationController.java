package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.security.Clients;
import com.fxdesk.slv.jobs.QueueFullException;
import com.fxdesk.slv.jobs.ShuttingDownException;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.web.errors.ApiProblemException;
import com.fxdesk.slv.web.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import tools.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/calibrations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "SLV calibration jobs")
public class CalibrationController {
    private final CalibrationRequestValidator validator;
    private final SlvCalibrationService calibration;
    private final JobService jobs;

    public CalibrationController(CalibrationRequestValidator validator, SlvCalibrationService calibration, JobService jobs) {
        this.validator = validator;
        this.calibration = calibration;
        this.jobs = jobs;
    }

    @Operation(summary = "Start an SLV calibration job",
            description = "202 with Location; with wait=true, 200 with the finished job if it finishes within "
                    + "slv.jobs.max-wait, else 202. 429 with Retry-After when the job queue is full. With a shared "
                    + "job store (slv.jobs.store=hazelcast) the job runs on whichever replica claims it first.")
    @ApiResponse(responseCode = "200", description = "wait=true and the job finished in time: the finished job")
    @ApiResponse(responseCode = "202", description = "the job is queued or running; poll the Location (or links.self)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<JobView> submit(@RequestBody CalibrationRequest request,
            @Parameter(description = "wait for the job to finish (up to slv.jobs.max-wait)")
            @RequestParam(defaultValue = "false") boolean wait) {
        validator.validate(request);
        calibration.prepare(request); // 422 now for what can be refused without computing
        JobRecord job;
        try {
            job = jobs.submit(SlvCalibrationService.KIND, Clients.current(), calibration.toJson(request));
        } catch (QueueFullException e) {
            throw tooManyRequests(jobs, e);
        } catch (ShuttingDownException e) {
            throw shuttingDown(jobs, e);
        }
        if (wait) {
            job = jobs.await(job.id(), jobs.maxWait()).orElse(job);
        }
        boolean done = job.status().isFinal();
        return ResponseEntity.status(done ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/calibrations/" + job.id()))
                .body(view(job, true));
    }

    @Operation(summary = "A calibration job: status, progress, and once SUCCEEDED a summary, the result and links",
            description = "Small by default (a few kB): the leverage and the per-slice diagnostics at up to 25 "
                    + "regression times and 41 spots each. detail=full adds every regression time and spot (megabytes "
                    + "for a 5-year daily calibration); the leverage resource (links.leverage) gives the grid at any "
                    + "resolution, as JSON or CSV.")
    @GetMapping("/{id}")
    public JobView get(@Parameter(description = "job id, or \"latest\" for your newest SUCCEEDED job")
            @PathVariable String id,
            @Parameter(description = "summary (default) or full",
                    schema = @Schema(allowableValues = {"summary", "full"}, defaultValue = "summary"))
            @RequestParam(defaultValue = "summary") String detail) {
        if (!detail.equals("summary") && !detail.equals("full")) {
            throw new InvalidInputException("detail", "must be summary or full, not '" + detail + "'");
        }
        return view(find(id), true, detail.equals("full"));
    }

    @Operation(summary = "Recent calibration jobs, newest first (without results)")
    @GetMapping
    public Map<String, List<JobView>> list() {
        return Map.of("jobs", jobs.list(Clients.current(), null).stream().map(j -> view(j, false)).toList());
    }

    @Operation(summary = "Cancel a queued or running job, or delete a finished one",
            description = "A queued or running job is cancelled: 200 with the job (a running one stops when its "
                    + "engine next checks; on another replica after that replica's next heartbeat). A finished "
                    + "job (SUCCEEDED, FAILED, CANCELLED) is removed from the store to free its memory: 204, and "
                    + "later GETs answer 404. Finished jobs are otherwise kept up to slv.jobs.ttl (and, in memory, "
                    + "at most slv.jobs.max-finished of them).")
    @ApiResponse(responseCode = "200", description = "the queued or running job, cancellation requested")
    @ApiResponse(responseCode = "204", description = "the finished job was removed from the store",
            content = @Content)
    @DeleteMapping("/{id}")
    public ResponseEntity<JobView> cancel(@PathVariable String id) {
        JobRecord job = find(id);
        if (!job.status().isFinal()) {
            JobRecord after = jobs.cancel(job.id()).orElse(job);
            if (!after.status().isFinal() || after.cancelRequested()) {
                return ResponseEntity.ok(view(after, false));
            }
        }
        jobs.remove(job.id());
        return ResponseEntity.noContent().build();
    }

    private JobView view(JobRecord job, boolean withResult) {
        return view(job, withResult, false);
    }

    /** full: the stored result as it is; else its summary resolution (see {@link JobView#slim}). */
    private JobView view(JobRecord job, boolean withResult, boolean full) {
        JsonNode result = withResult && job.status() == JobStatus.SUCCEEDED ? jobs.result(job.id()).orElse(null)
                : null;
        return JobView.of(job, result, result == null || full ? result : JobView.slim(result));
    }

    /** 503 with Retry-After: this replica is stopping (the load balancer sends the retry to another one). */
    static ApiProblemException shuttingDown(JobService jobs, ShuttingDownException e) {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, jobs.retryAfter().toSeconds())));
        return new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Shutting down", e.getMessage(), h);
    }

    static ApiProblemException tooManyRequests(JobService jobs, QueueFullException e) {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, jobs.retryAfter().toSeconds())));
        return new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", e.getMessage(), h);
    }

    private JobRecord find(String id) {
        return jobs.find(id, Clients.current()).orElseThrow(() -> ApiProblemException.notFound("no calibration job with id " + id
                + " (finished jobs are kept for a limited time)"));
    }
}
