import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Container health check without curl or wget (the JRE image has neither for sure): exits 0 when the liveness
 * probe answers 200 within 3 s. Port from SERVER_PORT (default 8080), path from the first argument.
 * Compiled in the image's build stage; only the JDK's own classes are used.
 */
public final class HealthCheck {
    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        String path = args.length > 0 ? args[0] : "/actuator/health/liveness";
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
