package com.fxdesk.slv.jobs;

/**
 * One kind of job: rebuilds its work from the request as stored (JSON), so that whichever replica claims the job
 * can run it, and so that a finished job's model can be rebuilt where it is not in memory.
 *
 * @param <M> the type of the model its jobs leave for later requests ({@link JobService#model})
 */
public interface JobHandler<M> {

    /** The kind this handler runs, as given to {@link JobService#submit}. */
    String kind();

    /** The type of {@link JobOutcome#model()}: what {@link JobService#model} hands back for this kind. */
    Class<M> modelType();

    /** The job's work; an IllegalArgumentException fails the job with its message. */
    JobTask<M> task(String request) throws Exception;
}
