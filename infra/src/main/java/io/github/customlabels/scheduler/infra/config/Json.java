package io.github.customlabels.scheduler.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compact JSON for the few shapes the stack hands to the function (environment variables, schedule inputs),
 * written with the Jackson that aws-cdk-lib's jsii runtime already puts on this module's classpath.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Writes maps (in iteration order), lists, strings, numbers, booleans and null, without whitespace. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value, e);
        }
    }
}
