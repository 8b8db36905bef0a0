package com.fxdesk.slv.jobs;

/**
 * A finished job's result.
 *
 * @param view  what the API returns: written to the store as JSON (any value Jackson can write)
 * @param model what later requests reuse, kept in this replica's memory only (e.g. the calibrated model for
 *              pricing by calibrationId); null when the job has none
 * @param <M>   the model's type, {@link JobHandler#modelType()}
 */
public record JobOutcome<M>(Object view, M model) {
}
