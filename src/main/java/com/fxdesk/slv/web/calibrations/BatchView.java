package com.fxdesk.slv.web.calibrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.jobs.store.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch as GET /api/v1/calibrations/batch/{id} shows it: one summary, then each item with its job's status,
 * progress and (once SUCCEEDED) the headline numbers of its result; the full result is at the item's job.
 *
 * @param status   RUNNING until every item has finished; then SUCCEEDED, or FAILED if any item failed, or
 *                 CANCELLED if any was cancelled and none failed
 * @param progress mean progress of the items
 * @param counts   items by status
 * @param replicas the replicas that ran the finished items (how the batch spread)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(String id, String status, double progress, int total, Map<JobStatus, Integer> counts,
                        Instant createdAt, Instant finishedAt, Double wallMs, List<String> replicas,
                        Double maxRoundTripErrorBps, List<ItemView> items) {

    /**
     * One item. bump: the quote moved (e.g. "1Y rr25 +0.0100"), null for the base or a plain item;
     * heston, roundTripMaxErrorBps, totalMs: from the item's result once SUCCEEDED.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemView(String label, String jobId, String tenor, String quote, Double bump, JobStatus status,
                           double progress, String error, String replica, Object heston,
                           Double roundTripMaxErrorBps, Double totalMs) {
    }
}
