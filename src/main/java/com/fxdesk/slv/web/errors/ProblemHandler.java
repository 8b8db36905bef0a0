package com.fxdesk.slv.web.errors;

import com.fxdesk.slv.market.MarketDataException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 {@code application/problem+json}. Spring's standard exceptions (404 no handler, 405,
 * 415, 406, …) come from {@link ResponseEntityExceptionHandler}; unreadable bodies are translated into a field path;
 * engine refusals ({@link EngineRejectedException}, {@link MarketDataException}) are 422 naming the field in plain
 * words; anything unexpected, an untranslated IllegalArgumentException included, becomes a 500 with a generic detail
 * (logged with a reference the client can quote).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(e.violations()), e.violations(),
                HttpHeaders.EMPTY, request);
    }

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<Object> apiProblem(ApiProblemException e, HttpServletRequest request) {
        return problem(e.status(), e.title(), e.getMessage(), null, e.headers(), request);
    }

    @ExceptionHandler(EngineRejectedException.class)
    ResponseEntity<Object> engineRejectedField(EngineRejectedException e, HttpServletRequest request) {
        LOG.info("input rejected by the engine on {}: {}", request.getRequestURI(), e.getMessage());
        List<FieldViolation> plain = e.violations().stream()
                .map(x -> new FieldViolation(x.field(), PlainWords.engine(x.message()))).toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable input", PlainWords.engine(e.getMessage()), plain,
                HttpHeaders.EMPTY, request);
    }

    /** Every request carries its market at "market": the engine's field is relative to it. */
    @ExceptionHandler(MarketDataException.class)
    ResponseEntity<Object> marketRejected(MarketDataException e, HttpServletRequest request) {
        return engineRejectedField(new EngineRejectedException(e.getMessage(),
                List.of(new FieldViolation("market." + e.field(), e.getMessage()))), request);
    }

    /**
     * An IllegalArgumentException that no service translated: the engine's refusals of input reach the client as
     * {@link EngineRejectedException} or {@link MarketDataException} (422 naming the field), translated where the
     * engine is called, so this is a programming error, not the client's. 500 with a generic detail (never the
     * exception's text, which may show internals); the log line carries the reference the client sees.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> unexpectedIllegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        return unexpected(e, request);
    }

    /** A computation that overflowed or divided by zero on valid input: refused like any engine refusal. */
    @ExceptionHandler(ArithmeticException.class)
    ResponseEntity<Object> arithmetic(ArithmeticException e, HttpServletRequest request) {
        LOG.info("arithmetic failure on {}: {}", request.getRequestURI(), e.getMessage());
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable input", "the inputs are too extreme for "
                + "the model: a calculation step would not give a finite number", null, HttpHeaders.EMPTY, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        String ref = UUID.randomUUID().toString();
        LOG.error("unexpected error {} on {} {}", ref, request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "An unexpected error occurred (reference " + ref + ")", null, HttpHeaders.EMPTY, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = servlet(request);
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException p) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
                        "The request body exceeds the limit of " + p.limit() + " bytes", null, HttpHeaders.EMPTY,
                        servlet);
            }
        }
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                FieldViolation v = JacksonErrors.describe(j);
                return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(List.of(v)), List.of(v),
                        HttpHeaders.EMPTY, servlet);
            }
        }
        String detail = ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                ? "A JSON request body is required" : "The request body could not be read";
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", detail, List.of(new FieldViolation("", detail)),
                HttpHeaders.EMPTY, servlet);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        if (ex.getRequiredType() != null && ex.getRequiredType().isEnum()) {
            expected = "one of " + JacksonErrors.enumValues(ex.getRequiredType());
        }
        FieldViolation v = new FieldViolation(name == null ? "" : name,
                "invalid value '" + ex.getValue() + "'; expected " + expected);
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(List.of(v)), List.of(v), headers,
                servlet(request));
    }

    /** Spring's own problems (404, 405, 415, …): keep its body, add the request path as instance. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail pd && pd.getInstance() == null) {
            HttpServletRequest servlet = servlet(request);
            if (servlet != null) {
                pd.setInstance(URI.create(servlet.getRequestURI()));
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    static ResponseEntity<Object> problem(HttpStatusCode status, String title, String detail,
            List<FieldViolation> errors, HttpHeaders headers, HttpServletRequest request) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        if (request != null) {
            pd.setInstance(URI.create(request.getRequestURI()));
        }
        if (errors != null) {
            pd.setProperty("errors", errors.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return ResponseEntity.status(status).headers(headers).body(pd);
    }

    private static String summary(List<FieldViolation> violations) {
        if (violations.size() == 1) {
            FieldViolation v = violations.get(0);
            return v.field().isEmpty() ? v.message() : v.field() + ": " + v.message();
        }
        return violations.size() + " fields are invalid (see errors)";
    }

    private static HttpServletRequest servlet(WebRequest request) {
        if (request instanceof org.springframework.web.context.request.ServletWebRequest s) {
            return s.getRequest();
        }
        return null;
    }
}
