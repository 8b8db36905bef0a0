package com.fxdesk.slv.jobs;

/**
 * One kind of job: rebuilds its work from the request as stored (JSON), so that whichever replica claims the job
 * can run it, and so that a finished job's model can be rebuilt where it is not in memory.
 */
public interface JobHandler {

    /** The kind this handler runs, as given to {@link JobService#submit}. */
    String kind();

    /** The job's work; an IllegalArgumentException fails the job with its message. */
    JobTask task(String request) throws Exception;
}
