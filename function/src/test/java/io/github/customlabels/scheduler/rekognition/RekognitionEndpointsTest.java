package io.github.customlabels.scheduler.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each model is called in its own region, at the endpoint the SDK's clients would use. */
class RekognitionEndpointsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "eu-west-1, https://rekognition.eu-west-1.amazonaws.com",
            "us-east-1, https://rekognition.us-east-1.amazonaws.com",
            "ap-northeast-2, https://rekognition.ap-northeast-2.amazonaws.com",
            "us-gov-west-1, https://rekognition.us-gov-west-1.amazonaws.com",
            "cn-north-1, https://rekognition.cn-north-1.amazonaws.com.cn"})
    void callsEachRegionAtItsPartitionsEndpoint(String region, String expected) {
        assertEquals(URI.create(expected), RekognitionEndpoints.fromEnvironment(Map.of()).forRegion(region));
    }

    @Test
    void usesTheFipsEndpointWhenAskedTo() {
        var endpoints = RekognitionEndpoints.fromEnvironment(Map.of("AWS_USE_FIPS_ENDPOINT", "true"));

        assertEquals(URI.create("https://rekognition-fips.us-east-1.amazonaws.com"), endpoints.forRegion("us-east-1"));
    }

    @Test
    void theServiceSpecificEndpointUrlWinsOverTheGeneralOne() {
        var endpoints = RekognitionEndpoints.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9999"));

        assertEquals(URI.create("http://127.0.0.1:4566"), endpoints.forRegion("eu-west-1"));
        assertEquals(URI.create("http://127.0.0.1:4566"), endpoints.forRegion("us-east-1"));
    }

    @Test
    void theGeneralEndpointUrlServesWhenThereIsNoServiceOne() {
        var endpoints = RekognitionEndpoints.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:9999"));

        assertEquals(URI.create("http://localhost:9999"), endpoints.forRegion("eu-west-1"));
    }

    @Test
    void configuredEndpointUrlsCanBeIgnoredAsWithTheSdk() {
        var endpoints = RekognitionEndpoints.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:4566",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        assertEquals(URI.create("https://rekognition.eu-west-1.amazonaws.com"), endpoints.forRegion("eu-west-1"));
    }

    @Test
    void aRelativeEndpointUrlIsRefusedWithItsValue() {
        var refused = assertThrows(IllegalArgumentException.class, () -> RekognitionEndpoints.fromEnvironment(
                Map.of("AWS_ENDPOINT_URL_REKOGNITION", "localhost:4566")));

        assertEquals("AWS_ENDPOINT_URL_REKOGNITION must be an absolute URL such as https://host:port, not: localhost:4566",
                refused.getMessage());
    }
}
