package io.github.customlabels.scheduler.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Faults on the wire, with the production client settings: both shapes of AWS error, retries that
 * recover, retries that never do, hanging and resetting connections, all inside the Lambda's deadline.
 */
class FaultToleranceTest {

    private static final String START = "RekognitionService.StartProjectVersion";

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private final SchedulerHandler handler = Fixtures.handler(rekognition);

    @ParameterizedTest(name = "{0} in the x-amzn-ErrorType header only answers {2}")
    @MethodSource(Fixtures.REKOGNITION_ERRORS)
    void readsTheErrorCodeFromTheHeader(String code, int rekognitionStatus, int expected) {
        rekognition.stub(post("/").withHeader("X-Amz-Target", equalTo(START)).willReturn(aResponse()
                .withStatus(rekognitionStatus)
                .withHeader("Content-Type", LocalRekognition.JSON_11)
                .withHeader("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazonaws.rekognition/")
                .withBody("{}")));

        assertEquals(expected, statusCode(invoke(handler, event("apigw-rest-start.json"))));
    }

    @ParameterizedTest(name = "{0} in the body's __type only answers {2}")
    @MethodSource(Fixtures.REKOGNITION_ERRORS)
    void readsTheErrorCodeFromTheBody(String code, int rekognitionStatus, int expected) {
        rekognition.stub(post("/").withHeader("X-Amz-Target", equalTo(START)).willReturn(aResponse()
                .withStatus(rekognitionStatus)
                .withHeader("Content-Type", LocalRekognition.JSON_11)
                .withBody("{\"__type\":\"com.amazonaws.rekognition#" + code + "\",\"message\":\"details\"}")));

        assertEquals(expected, statusCode(invoke(handler, event("apigw-rest-start.json"))));
    }

    @Test
    void throttlingAndServerErrorsThatClearUpEndInAStart() {
        sequence(error(400, "ThrottlingException"), error(500, "InternalServerError"));

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(202, statusCode(response));
        assertEquals(3, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void aResetConnectionIsRetried() {
        sequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(202, statusCode(response));
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void endlessThrottlingAnswers429WithoutStartingARetryTheDeadlineCannotFit() {
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        // 1.2 s left, less the answer's margin: under the second a retry needs, whatever its backoff.
        long started = System.nanoTime();
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(1_200));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(429, statusCode(response));
        assertEquals("5", Fixtures.header(response, "Retry-After"));
        assertTrue(elapsedMillis < 1_200, "answered after " + elapsedMillis + " ms, past the deadline");
        assertEquals(1, rekognition.calls("StartProjectVersion").size(), "a retry started that could not finish");
    }

    @Test
    void endlessThrottlingWithTimeToSpareUsesEveryAttempt() {
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(60_000));

        assertEquals(429, statusCode(response));
        assertEquals(3, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void aHangingEndpointIsCutOffBeforeTheDeadline() {
        rekognition.stub(post("/").withHeader("X-Amz-Target", equalTo(START))
                .willReturn(aResponse().withStatus(200).withFixedDelay(10_000).withBody("{\"Status\":\"STARTING\"}")));

        long started = System.nanoTime();
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(3_000));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(503, statusCode(response));
        assertEquals("5", Fixtures.header(response, "Retry-After"));
        assertTrue(elapsedMillis < 3_000, "answered after " + elapsedMillis + " ms");
    }

    @Test
    void anEndpointThatRefusesConnectionsAnswers503() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchedulerHandler unreachable = new SchedulerHandler(Wiring.of(Fixtures.CONFIG,
                LocalRekognition.gatewayFor(URI.create("http://127.0.0.1:" + closedPort))).withLog(new Fixtures.RecordingLog()));

        JsonNode response = invoke(unreachable, event("apigw-rest-start.json"), new TestContext(5_000));

        assertEquals(503, statusCode(response));
    }

    @Test
    void neitherAnswersNorLogsLeakCredentialsOrStackTraces() {
        rekognition.fails("StartProjectVersion", 400, "AccessDeniedException");
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        JsonNode response = invoke(Fixtures.handler(rekognition, log), event("apigw-rest-start.json"));

        String answer = Fixtures.toJson(response);
        String logs = log.lines.stream().map(Fixtures::toJson).reduce("", String::concat);
        for (String text : java.util.List.of(answer, logs)) {
            assertFalse(text.contains("local-secret"), text);
            assertFalse(text.contains("\tat ") || text.contains(".java:"), text);
        }
        assertFalse(answer.contains("secret-role"), "Rekognition's own message stays out of the answer: " + answer);
        assertTrue(logs.contains("secret-role"), "but the operator finds it in the log");
    }

    /** StartProjectVersion answers each of these in turn, then STARTING. */
    private void sequence(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... failures) {
        String state = Scenario.STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "after-" + (i + 1);
            rekognition.stub(post("/").withHeader("X-Amz-Target", equalTo(START))
                    .inScenario("faults").whenScenarioStateIs(state)
                    .willReturn(failures[i]).willSetStateTo(next));
            state = next;
        }
        rekognition.stub(post("/").withHeader("X-Amz-Target", equalTo(START))
                .inScenario("faults").whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", LocalRekognition.JSON_11)
                        .withBody("{\"Status\":\"STARTING\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", LocalRekognition.JSON_11)
                .withHeader("x-amzn-ErrorType", code)
                .withBody("{\"__type\":\"" + code + "\",\"Message\":\"try again\"}");
    }
}
