package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.security.Clients;
import com.fxdesk.slv.jobs.QueueFullException;
import com.fxdesk.slv.jobs.ShuttingDownException;
import com.fxdesk.slv.web.errors.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/calibrations/batch", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "SLV calibration jobs")
public class BatchController {
    private final BatchService batches;
    private final JobService jobs;

    public BatchController(BatchService batches, JobService jobs) {
        this.batches = batches;
        this.jobs = jobs;
    }

    @Operation(summary = "Start a batch of SLV calibrations: many markets, or bumped variants of one",
            description = "Each item becomes a calibration job (GET /api/v1/calibrations/{jobId}); with several "
                    + "replicas on a shared store the items spread over them. Every item is validated and checked "
                    + "before any is queued (400/422 name the item); 429 with Retry-After if the queue cannot "
                    + "take them all. 202 with Location of the batch.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<BatchView> submit(@RequestBody BatchRequest request) {
        BatchRecord batch;
        try {
            batch = batches.submit(request, Clients.current());
        } catch (QueueFullException e) {
            throw CalibrationController.tooManyRequests(jobs, e);
        } catch (ShuttingDownException e) {
            throw CalibrationController.shuttingDown(jobs, e);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/calibrations/batch/" + batch.id()))
                .body(batches.view(batch));
    }

    @Operation(summary = "A batch: one summary, and each item's status, progress and headline result")
    @GetMapping("/{id}")
    public BatchView get(@PathVariable String id) {
        return batches.view(find(id));
    }

    @Operation(summary = "Cancel every item of a batch that has not finished")
    @DeleteMapping("/{id}")
    public BatchView cancel(@PathVariable String id) {
        BatchRecord batch = find(id);
        batches.cancel(batch);
        return batches.view(batch);
    }

    private BatchRecord find(String id) {
        return batches.find(id, Clients.current()).orElseThrow(() -> ApiProblemException.notFound("no calibration batch with id "
                + id + " (batches are kept as long as finished jobs)"));
    }
}
