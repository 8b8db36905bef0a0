package com.fxdesk.slv.jobs;

/** The work of one job. Returns its result (kept with the job) or throws; it must poll {@link JobContext#cancelled()}. */
@FunctionalInterface
public interface JobTask<M> {
    JobOutcome<M> run(JobContext context) throws Exception;
}
