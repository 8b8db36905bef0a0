package com.fxdesk.slv.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served spec; a fixed relative server keeps it identical on every port (the committed openapi.yaml equals it).
 * Both security schemes are declared so that Swagger UI shows an Authorize button; either one suffices.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI slvOpenApi() {
        return new OpenAPI()
                .info(new Info().title("FX stochastic local volatility service").version("v1")
                        .description("Calibrates FX Heston stochastic-local-volatility models (Hakala 2019) and prices "
                                + "exotics under BS, LV, Heston and SLV. Vols are decimals, times in years (ACT/365), "
                                + "rates continuously compounded. Errors are RFC 9457 application/problem+json. "
                                + "Every /api/v1 call needs an API key (header X-API-Key) or a JWT bearer token; "
                                + "a calibration job is visible only to the client that submitted it.")
                        .license(new License().name("Proprietary")))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("slv.security.api-keys.<client-id>=<key>; with none configured the "
                                        + "service logs a generated key at start-up"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("OAuth2 access token of the configured issuer; the client is its sub")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
