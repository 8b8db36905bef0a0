package com.fxdesk.slv.web.errors;

import java.io.IOException;

/**
 * Thrown by the counting request stream when a body without (or with a lying) Content-Length exceeds the limit.
 * An IOException so that it travels through Jackson and Spring's converters, which wrap it; the problem handler
 * finds it in the cause chain and answers 413.
 */
public class PayloadTooLargeException extends IOException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
