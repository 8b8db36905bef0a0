package com.fxdesk.slv.jobs;

/** The service is stopping and accepts no new jobs: the client should retry (another instance, or later). */
public class ShuttingDownException extends RuntimeException {
    public ShuttingDownException() {
        super("the service is shutting down and accepts no new jobs; retry later");
    }
}
