package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed openapi.yaml must equal what the service serves at /v3/api-docs.yaml.
 * Regenerate after an API change with: {@code ./mvnw test -Dtest=OpenApiSpecTest -Dopenapi.write=true}
 */
class OpenApiSpecTest extends ApiTestSupport {
    private static final Path COMMITTED = Path.of("openapi.yaml");

    @Test
    void committedSpecEqualsServedSpec() throws Exception {
        var r = get("/v3/api-docs.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        String served = r.body().replace("\r\n", "\n");
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("openapi.yaml is missing: run ./mvnw test -Dtest=OpenApiSpecTest -Dopenapi.write=true")
                .exists();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(committed).as("openapi.yaml drifted from the served spec; regenerate with "
                + "./mvnw test -Dtest=OpenApiSpecTest -Dopenapi.write=true").isEqualTo(served);
    }
}
