package com.fxdesk.slv.web.errors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** An error the API answers deliberately with a given status (404 unknown job, 422 model unavailable, 429 …). */
public class ApiProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final transient HttpHeaders headers;

    public ApiProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, HttpHeaders.EMPTY);
    }

    public ApiProblemException(HttpStatus status, String title, String detail, HttpHeaders headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    public static ApiProblemException notFound(String detail) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "Not Found", detail);
    }

    /** The engine piece behind an endpoint or model is not available in this build: never answer a fake result. */
    public static ApiProblemException unavailable(String what) {
        return new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Not available",
                what + " is not available in this version of the service");
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
