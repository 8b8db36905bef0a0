package com.fxdesk.slv.jobs;

/** The job queue is at capacity: the client should retry later. */
public class QueueFullException extends RuntimeException {
    public QueueFullException(int capacity) {
        super("the job queue is full (" + capacity + " jobs waiting); retry later");
    }
}
