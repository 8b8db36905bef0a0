package com.fxdesk.slv.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

/**
 * Strict request reading: a trading system that sends "1.25" for a number, 2048.7 particles, a misspelt optional
 * field or a key twice gets a 400 naming the field instead of a silently different calculation.
 */
@Configuration(proxyBeanMethods = false)
public class JacksonConfig {

    /**
     * JSON has no NaN or Infinity: engine results that use NaN for "not applicable / not computed" are written as
     * null instead of an invalid token or a string.
     */
    @Bean
    JsonMapperBuilderCustomizer nonFiniteAsNull() {
        SimpleModule module = new SimpleModule("non-finite-as-null");
        ValueSerializer<Double> number = new ValueSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializationContext ctxt) {
                if (value == null || !Double.isFinite(value)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        module.addSerializer(Double.class, number);
        module.addSerializer(double.class, number);
        module.addSerializer(double[].class, new ValueSerializer<double[]>() {
            @Override
            public void serialize(double[] values, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeStartArray(values, values.length);
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        gen.writeNumber(v);
                    } else {
                        gen.writeNull();
                    }
                }
                gen.writeEndArray();
            }
        });
        return builder -> builder.addModule(module);
    }

    @Bean
    JsonMapperBuilderCustomizer strictRequestReading() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
