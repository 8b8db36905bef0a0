package com.fxdesk.slv.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the final stage's ENTRYPOINT of the Dockerfile against the packaged jar (the integration-test phase of
 * {@code ./mvnw verify} runs after {@code package}), waits for liveness UP, and runs the HEALTHCHECK command too.
 * No Docker daemon needed: only the paths inside the image are mapped to the build's.
 */
class DockerfileEntrypointIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Stage(String from, List<String> lines) {
    }

    static List<Stage> stages() throws IOException {
        String text = Files.readString(Path.of("Dockerfile")).replaceAll("\\\\\\s*\\n\\s*", " ");
        List<Stage> stages = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.toUpperCase().startsWith("FROM ")) {
                stages.add(new Stage(line.substring(5).strip(), new ArrayList<>()));
            } else {
                stages.get(stages.size() - 1).lines().add(line);
            }
        }
        return stages;
    }

    static String instruction(Stage s, String name) {
        String found = null;
        for (String l : s.lines()) {
            if (l.toUpperCase().startsWith(name + " ")) {
                found = l.substring(name.length()).strip();
            }
        }
        return found;
    }

    static List<String> execForm(String json) {
        return List.of(JSON.readValue(json, String[].class));
    }

    @Test
    void dockerfileFollowsTheContainerRules() throws IOException {
        List<Stage> stages = stages();
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages.get(0).from()).startsWith("eclipse-temurin:17-jdk");
        assertThat(String.join("\n", stages.get(0).lines())).contains("./mvnw");
        Stage run = stages.get(stages.size() - 1);
        assertThat(run.from()).isEqualTo("eclipse-temurin:17-jre");
        String user = instruction(run, "USER");
        assertThat(user).isNotNull().isNotIn("root", "0");
        assertThat(instruction(run, "EXPOSE")).isEqualTo("8080");
        assertThat(instruction(run, "HEALTHCHECK")).contains("/actuator/health/liveness");
        assertThat(execForm(instruction(run, "ENTRYPOINT"))).contains("-XX:MaxRAMPercentage=75");
    }

    @Test
    void entrypointStartsTheJarAndHealthcheckPasses() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("slv-service-.*\\.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            jar = null;
        }
        Assumptions.assumeTrue(jar != null, "no packaged jar in target/ (run ./mvnw verify)");
        Stage run = stages().get(stages().size() - 1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int port = freePort();

        List<String> command = new ArrayList<>();
        for (String arg : execForm(instruction(run, "ENTRYPOINT"))) {
            command.add(arg.equals("java") ? java : arg.equals("/app/app.jar") ? jar.toAbsolutePath().toString() : arg);
        }
        assertThat(command).as("the ENTRYPOINT must run the jar at /app/app.jar").contains(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "dockerfile-entrypoint-it.log").toFile());
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"); // faster start on a busy CI machine
        Process app = pb.start();
        try {
            waitForLiveness(app, port, Duration.ofSeconds(150));
            assertThat(healthcheck(run, java, port)).as("HEALTHCHECK exit code").isZero();
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        assertThat(healthcheck(run, java, port)).as("HEALTHCHECK fails when the service is down").isEqualTo(1);
    }

    private static int healthcheck(Stage run, String java, int port) throws Exception {
        Path classes = Files.createTempDirectory("healthcheck");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                Path.of("docker", "HealthCheck.java").toString());
        assertThat(rc).as("HealthCheck.java compiles").isZero();
        String hc = instruction(run, "HEALTHCHECK");
        String cmd = hc.substring(hc.indexOf("CMD") + 3).strip();
        List<String> command = new ArrayList<>();
        for (String arg : execForm(cmd)) {
            command.add(arg.equals("java") ? java : arg.equals("/app/healthcheck") ? classes.toString() : arg);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static void waitForLiveness(Process app, int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app exited early; see target/dockerfile-entrypoint-it.log").isTrue();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    Map<?, ?> body = JSON.readValue(r.body(), Map.class);
                    assertThat(body.get("status")).isEqualTo("UP");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("liveness not UP within " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
