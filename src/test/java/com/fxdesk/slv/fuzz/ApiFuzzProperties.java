package com.fxdesk.slv.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.SlvServiceApplication;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property-based fuzzing of every endpoint through real HTTP ({@link ApiFuzzer}): the service runs on a random port
 * with the test limits and an API key. Tries: {@code jqwik.tries.default} (2,000 in
 * src/test/resources/junit-platform.properties, the CI run); the fixed seed makes every run the same cases. A longer
 * run (docs/hardening.md): {@code ./mvnw -B -ntp test -Dtest=ApiFuzzProperties -Djqwik.tries.default=20000}.
 */
class ApiFuzzProperties {
    static final String KEY = "fuzz-key-0123456789abcdef";
    private static ConfigurableApplicationContext app;
    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() {
        app = SpringApplication.run(SlvServiceApplication.class, "--server.port=0",
                "--slv.security.api-keys.fuzz=" + KEY, "--slv.limits.max-body-bytes=65536",
                "--slv.limits.max-products=5", "--slv.limits.max-particles=20000",
                "--slv.limits.max-regression-samples=5000", "--slv.jobs.queue-capacity=2",
                "--slv.compute.deadline=10s", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        fuzzer = new ApiFuzzer(URI.create("http://localhost:" + port + "/"), KEY, Duration.ofSeconds(10),
                Path.of("examples/markets"));
    }

    @AfterContainer
    static void stop() {
        if (fuzzer != null) {
            System.out.println("fuzz: " + fuzzer.summary());
        }
        if (app != null) {
            app.close();
        }
    }

    @Provide
    Arbitrary<Long> caseSeeds() {
        return Arbitraries.longs();
    }

    @Property(seed = "20261207", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyAnswerKeepsTheContract(@ForAll("caseSeeds") long caseSeed) {
        List<String> violations = fuzzer.oneCase(caseSeed);
        assertThat(violations).isEmpty();
    }
}
