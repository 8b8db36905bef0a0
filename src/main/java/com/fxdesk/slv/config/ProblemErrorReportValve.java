package com.fxdesk.slv.config;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's last-resort error page (requests rejected before they reach the application, e.g. a malformed URL)
 * as problem+json instead of an HTML page; no stack trace, no server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = StringManager.getManager("org.apache.catalina.valves").getString(
                "http." + status + ".reason");
        if (title == null || title.startsWith("Cannot find message")) {
            title = status >= 500 ? "Internal Server Error" : "Bad Request";
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer w = response.getReporter();
            if (w != null) {
                w.write("{\"type\":\"about:blank\",\"title\":\"" + title.replace("\"", "'") + "\",\"status\":" + status
                        + ",\"detail\":\"The request was rejected by the server before it reached the application\"}");
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response committed: nothing more to do
        }
    }
}
