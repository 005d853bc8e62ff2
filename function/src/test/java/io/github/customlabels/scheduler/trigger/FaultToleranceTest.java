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
    void endlessThrottlingInsideATightDeadlineAnswersBeforeItWithRetryAfter() {
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        // 2.5 s: room for the standard mode's backoffs (up to 1 s, then up to 2 s, jittered) or not, by chance.
        long started = System.nanoTime();
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(2_500));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        int attempts = rekognition.calls("StartProjectVersion").size();
        assertTrue(elapsedMillis < 2_500, "answered after " + elapsedMillis + " ms, past the deadline");
        // Throttled, whether every attempt was made or the deadline cut a backoff short.
        assertEquals(429, statusCode(response), attempts + " attempts");
        assertTrue(attempts >= 1 && attempts <= 3, attempts + " attempts");
        assertEquals("5", Fixtures.header(response, "Retry-After"));
    }

    @Test
    void throttlingCutShortByTheDeadlineIsStillAnsweredAsThrottling() {
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        // 0.8 s: the call's 0.5 s budget ends inside the first backoff (or the second), never after every attempt.
        long started = System.nanoTime();
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(800));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(rekognition.calls("StartProjectVersion").size() < 3, "the deadline ended the retries");
        assertEquals(429, statusCode(response));
        assertEquals("5", Fixtures.header(response, "Retry-After"));
        assertTrue(elapsedMillis < 800, "answered after " + elapsedMillis + " ms, past the deadline");
    }

    @Test
    void anAnswerThatTricklesInIsCutOffBeforeTheDeadline() {
        // Each byte arrives well inside a socket timeout, so only the SDK's call timeout can end this.
        rekognition.stub(post("/").withHeader("X-Amz-Target", equalTo(START))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", LocalRekognition.JSON_11)
                        .withBody("{\"Status\":\"STARTING\"                                                  }")
                        .withChunkedDribbleDelay(60, 12_000)));

        long started = System.nanoTime();
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(2_500));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(503, statusCode(response));
        assertEquals("5", Fixtures.header(response, "Retry-After"));
        assertTrue(elapsedMillis < 2_500, "answered after " + elapsedMillis + " ms");
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
        JsonNode response = invoke(handler, event("apigw-rest-start.json"), new TestContext(2_500));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(503, statusCode(response));
        assertEquals("5", Fixtures.header(response, "Retry-After"));
        assertTrue(elapsedMillis < 2_500, "answered after " + elapsedMillis + " ms");
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
