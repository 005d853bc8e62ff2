package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.body;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.header;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Every Rekognition error becomes the problem+json answer the contract names, without the service's text. */
class ErrorAnswersTest {

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private final SchedulerHandler handler = Fixtures.handler(rekognition);

    @ParameterizedTest(name = "{0} ({1}) answers {2}")
    @MethodSource(Fixtures.REKOGNITION_ERRORS)
    void mapsRekognitionErrorsToHttpAnswers(String code, int rekognitionStatus, int expected) {
        rekognition.fails("StartProjectVersion", rekognitionStatus, code);

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(expected, statusCode(response));
        assertEquals("application/problem+json", header(response, "Content-Type"));
        JsonNode problem = body(response);
        assertEquals(String.valueOf(expected), text(problem, "status"));
        String raw = response.asObject().get("body").asString();
        assertFalse(raw.contains("secret-role"), raw);
        assertFalse(raw.contains("Exception:") || raw.contains("\tat "), raw);
    }

    @Test
    void throttlingThatNeverEndsAnswers429WithRetryAfterAfterRetrying() {
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(429, statusCode(response));
        assertEquals("5", header(response, "Retry-After"));
        assertEquals(3, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void resourceInUseWithAFailedStatusLookupReportsTheLookupFailure() {
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .fails("DescribeProjectVersions", 400, "AccessDeniedException");

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(403, statusCode(response));
    }

    @Test
    void noTimeLeftAnswers503WithoutCallingRekognition() {
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(200));

        assertEquals(503, statusCode(response));
        assertEquals(0, rekognition.totalCalls());
    }
}
