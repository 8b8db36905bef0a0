package com.fxdesk.slv.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The served spec; a fixed relative server keeps it identical on every port (the committed openapi.yaml equals it). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI slvOpenApi() {
        return new OpenAPI()
                .info(new Info().title("FX stochastic local volatility service").version("v1")
                        .description("Calibrates FX Heston stochastic-local-volatility models (Hakala 2019) and prices "
                                + "exotics under BS, LV, Heston and SLV. Vols are decimals, times in years (ACT/365), "
                                + "rates continuously compounded. Errors are RFC 9457 application/problem+json.")
                        .license(new License().name("Proprietary")))
                .servers(List.of(new Server().url("/")));
    }
}
