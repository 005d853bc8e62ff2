package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.contract.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The deployment the tests run against, the sample events of {@code events/}, and invocation helpers.
 * Public for the packaging test, which gives the packaged function the same environment.
 */
public final class Fixtures {

    public static final String DEFECTS_ARN =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000";
    public static final String DEFECTS_PROJECT_ARN = "arn:aws:rekognition:eu-west-1:123456789012:project/defects/1761900000000";
    public static final String LOGOS_ARN =
            "arn:aws:rekognition:us-east-1:123456789012:project/logos/version/logos.2026-10-15/1760486400000";
    public static final String LOGOS_PROJECT_ARN = "arn:aws:rekognition:us-east-1:123456789012:project/logos/1760400000000";

    public static final String GAUGES_ARN =
            "arn:aws:rekognition:eu-west-1:123456789012:project/gauges/version/gauges.2026-09-01/1756684800000";
    static final String GAUGES_PROJECT_ARN = "arn:aws:rekognition:eu-west-1:123456789012:project/gauges/1756600000000";

    /**
     * defects: eu-west-1, 1..2 units, ceiling 4, project ARN configured. logos: us-east-1, 1 unit, ceiling 3,
     * project found by name. gauges: eu-west-1, 1 unit, ceiling 2, project ARN configured.
     */
    public static final String CONFIG_JSON = "{\"models\":{"
            + "\"defects\":{\"projectVersionArn\":\"" + DEFECTS_ARN + "\",\"projectArn\":\"" + DEFECTS_PROJECT_ARN
            + "\",\"minInferenceUnits\":1,\"maxInferenceUnits\":2,\"inferenceUnitCeiling\":4},"
            + "\"logos\":{\"projectVersionArn\":\"" + LOGOS_ARN + "\",\"minInferenceUnits\":1,\"inferenceUnitCeiling\":3},"
            + "\"gauges\":{\"projectVersionArn\":\"" + GAUGES_ARN + "\",\"projectArn\":\"" + GAUGES_PROJECT_ARN
            + "\",\"minInferenceUnits\":1,\"inferenceUnitCeiling\":2}},"
            + "\"defaultCommand\":{\"action\":\"start\",\"models\":[\"defects\"]},"
            + "\"idleStopAlarms\":{\"CustomLabelsScheduler-defects-idle\":[\"defects\"]},"
            + "\"schedules\":["
            + "{\"name\":\"weekday-warm-up\",\"cron\":\"0 7 ? * MON-FRI *\",\"timezone\":\"Europe/Berlin\","
            + "\"action\":\"start\",\"models\":[\"defects\",\"logos\"]},"
            + "{\"name\":\"weekday-cool-down\",\"cron\":\"0 19 ? * MON-FRI *\",\"timezone\":\"Europe/Berlin\","
            + "\"action\":\"stop\",\"models\":[\"defects\",\"logos\"]}],"
            + "\"overrides\":{\"maxDays\":14}}";
    /** The configuration above, as the function reads it. */
    public static final SchedulerConfig CONFIG = SchedulerConfig.parse(CONFIG_JSON, "Fixtures.CONFIG_JSON");

    /**
     * The tests' now: Tuesday 2026-12-01, 09:00 in Berlin. The override samples in {@code events/} end within the
     * next two weeks of it.
     */
    public static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final Path EVENTS = Path.of("..", "events");

    private Fixtures() {
    }

    static SchedulerHandler handler(LocalRekognition rekognition) {
        return handler(rekognition, new RecordingLog());
    }

    /** A handler whose structured log lines are kept in {@code log}. */
    static SchedulerHandler handler(LocalRekognition rekognition, RecordingLog log) {
        return new SchedulerHandler(Wiring.of(CONFIG, rekognition.gateway()).withClock(CLOCK).withLog(log));
    }

    /** Keeps what the function logs, parsed, in order. */
    static final class RecordingLog implements io.github.customlabels.scheduler.telemetry.LogSink {

        final java.util.List<JsonNode> lines = new java.util.ArrayList<>();

        @Override
        public void write(String jsonLine) {
            lines.add(Json.parse(jsonLine));
        }

        /** The lines whose {@code message} is the given one. */
        java.util.List<JsonNode> withMessage(String message) {
            return lines.stream().filter(l -> message.equals(text(l, "message"))).toList();
        }
    }

    /** Rekognition's error codes, the status it sends them with, and the status the API answers. */
    static final String REKOGNITION_ERRORS = "io.github.customlabels.scheduler.trigger.Fixtures#rekognitionErrors";

    static Stream<Arguments> rekognitionErrors() {
        return Stream.of(
                Arguments.of("AccessDeniedException", 400, 403),
                Arguments.of("InvalidParameterException", 400, 400),
                Arguments.of("LimitExceededException", 400, 409),
                Arguments.of("ResourceNotFoundException", 400, 404),
                Arguments.of("ProvisionedThroughputExceededException", 400, 429),
                Arguments.of("ThrottlingException", 500, 429),
                Arguments.of("InternalServerError", 500, 502),
                Arguments.of("InternalServerErrorException", 500, 502),
                Arguments.of("ServiceQuotaExceededException", 400, 409),
                // The function's own identity: a misconfigured function, 500, never the caller's 4xx.
                Arguments.of("UnrecognizedClientException", 400, 500),
                Arguments.of("ExpiredTokenException", 400, 500),
                Arguments.of("InvalidSignatureException", 400, 500),
                Arguments.of("IncompleteSignature", 400, 500),
                Arguments.of("MissingAuthenticationToken", 403, 500),
                // A code no rule knows: Rekognition refused, not "a server error after retries".
                Arguments.of("SomethingNewException", 400, 502));
    }

    /** The text of a sample event from {@code events/}. */
    public static String event(String name) {
        try {
            return Files.readString(EVENTS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes the handler as the Lambda runtime does, with raw bytes in and out. */
    static JsonNode invoke(SchedulerHandler handler, String payload, TestContext context) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parse(out.toByteArray());
    }

    static JsonNode invoke(SchedulerHandler handler, String payload) {
        return invoke(handler, payload, new TestContext());
    }

    /** The parsed body of an API Gateway response. */
    static JsonNode body(JsonNode response) {
        return Json.parse(response.asObject().get("body").asString());
    }

    static int statusCode(JsonNode response) {
        return Integer.parseInt(response.asObject().get("statusCode").asNumber());
    }

    static String header(JsonNode response, String name) {
        JsonNode value = response.asObject().get("headers").asObject().get(name);
        return value == null ? null : value.asString();
    }

    static String text(JsonNode node, String... path) {
        return Json.path(node, path).map(JsonNode::text).orElse(null);
    }

    /** Serializes a parsed node back to JSON text. */
    static String toJson(JsonNode node) {
        return Json.write(node);
    }

    public static String describeVersionsAnswer(String arn, String status, int min, Integer max) {
        return "{\"ProjectVersionDescriptions\":[{\"ProjectVersionArn\":\"" + arn + "\",\"Status\":\"" + status
                + "\",\"StatusMessage\":\"The model is " + status.toLowerCase() + ".\",\"MinInferenceUnits\":" + min
                + (max == null ? "" : ",\"MaxInferenceUnits\":" + max) + "}]}";
    }
}
