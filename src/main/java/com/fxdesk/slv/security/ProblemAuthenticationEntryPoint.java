package com.fxdesk.slv.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem+json like every other error, in plain words (no library messages: a token's parse error
 * is not echoed), with a WWW-Authenticate challenge naming both schemes.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final boolean jwt;

    ProblemAuthenticationEntryPoint(boolean jwt) {
        this.jwt = jwt;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail;
        if (request.getHeader(ApiKeys.HEADER) != null) {
            detail = "The API key is not valid";
        } else if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            detail = jwt ? (e instanceof InvalidBearerTokenException ? "The bearer token is not valid or has expired"
                    : "The Authorization header is not a valid bearer token")
                    : "Bearer tokens are not configured on this service; send an API key in header " + ApiKeys.HEADER;
        } else {
            detail = "Authentication is required: send an API key in header " + ApiKeys.HEADER
                    + (jwt ? " or an OAuth2 bearer token in header Authorization" : "");
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                "ApiKey header=\"" + ApiKeys.HEADER + "\"" + (jwt ? ", Bearer" : ""));
        write(request, response, 401, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, 403, "Forbidden", "This client may not access this resource");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                              String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
