package io.github.customlabels.scheduler.packaging;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.GAUGES_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.packaging.LocalRuntimeApi.Outcome;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The shaded jar, unzipped as Lambda lays out a task root, run in a fresh JVM by AWS's runtime interface
 * client with the Java 17 runtime's JVM flags and a Lambda-like environment. Events come through a loopback
 * Runtime API and the function calls a loopback Rekognition, configured only through the environment
 * ({@code AWS_ENDPOINT_URL_REKOGNITION}, {@code AWS_ACCESS_KEY_ID}, ...), as in AWS.
 *
 * <p>This proves what unit tests cannot: the handler string, the jar's contents and classpath, the
 * no-argument constructor reading the environment, the default credentials chain, endpoint resolution,
 * and how the runtime reports answers and exceptions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PackagedFunctionIT {

    /** Kept after the run: the function's stdout and stderr, where the runtime also writes its logs. */
    private static final Path FUNCTION_LOG = Path.of("target", "packaged-function-it", "function.log");
    /** The function's timeout: sets each invocation's deadline, and so the time the handler gives itself. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    /** How long the test waits for one answer, JVM start included for the first. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private static final String ACCESS_KEY_ID = "AKIDPACKAGEDTEST";
    private static final String SESSION_TOKEN = "packaged-test-session-token";
    private static final String STARTING = "{\"Status\":\"STARTING\"}";

    @TempDir
    static Path taskRoot;

    private static LocalRekognition rekognition;
    private static LocalRuntimeApi runtime;
    private static PackagedFunction function;
    /** What the function wrote before it first asked for an event. */
    private static String initLog;

    @BeforeAll
    static void startTheFunctionUnderTheRuntimeInterfaceClient() throws IOException {
        rekognition = new LocalRekognition();
        runtime = new LocalRuntimeApi(FUNCTION_TIMEOUT);
        function = PackagedFunction.start(taskRoot, runtime, FUNCTION_LOG, List.of(), Map.of(
                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand",
                "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef",
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", "packaged-test-secret",
                "AWS_SESSION_TOKEN", SESSION_TOKEN,
                // Not set by Lambda: the loopback Rekognition.
                "AWS_ENDPOINT_URL_REKOGNITION", rekognition.baseUrl()));
        function.await(runtime.firstNext(), ANSWER_TIMEOUT, "end of init");
        initLog = function.log();
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (function != null) {
            function.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (rekognition != null) {
            rekognition.close();
        }
    }

    @BeforeEach
    void rekognitionStartsModels() {
        rekognition.reset();
        rekognition.answers("StartProjectVersion", STARTING);
    }

    @AfterEach
    void theFunctionStartedCleanlyAndKeepsServing() {
        assertEquals(List.of(), runtime.initErrors(), "init errors" + function.logTail());
        assertEquals(List.of(), runtime.problems(), "unexpected Runtime API requests" + function.logTail());
        assertTrue(function.isAlive(), "the function's JVM exited" + function.logTail());
    }

    @Test
    void scheduleStartsEveryModelInTheRegionOfItsArn() {
        Outcome outcome = invoke(event("schedule-start.json"));

        JsonNode result = answer(outcome);
        assertEquals("true", text(result, "succeeded"), outcome.body());
        assertEquals(Map.of(
                DEFECTS_ARN, "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}",
                LOGOS_ARN, "{\"ProjectVersionArn\":\"" + LOGOS_ARN + "\",\"MinInferenceUnits\":1}"), startBodies());
        assertEquals(Map.of(DEFECTS_ARN, "eu-west-1", LOGOS_ARN, "us-east-1"), signingRegions());
        for (LoggedRequest call : rekognition.calls("StartProjectVersion")) {
            assertTrue(call.getHeader("Authorization").contains("Credential=" + ACCESS_KEY_ID + "/"),
                    "signed with the environment's keys: " + call.getHeader("Authorization"));
            assertEquals(SESSION_TOKEN, call.getHeader("X-Amz-Security-Token"));
        }
        // The runtime's context reaches the handler: its log line carries the request id the Runtime API gave.
        function.awaitLogLine("\"requestId\":\"" + outcome.requestId() + "\"");
    }

    @Test
    void initWritesNothingToTheLog() {
        // A library's start-up chatter (SLF4J's "no provider" warnings, say) would land in every cold start's logs.
        assertEquals("", initLog);
    }

    @Test
    void restApiStartDecodesTheBase64BodyAndAnswers202() {
        JsonNode response = answer(invoke(event("apigw-rest-start.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals("application/json", text(response, "headers", "Content-Type"));
        JsonNode body = parse(text(response, "body"));
        assertEquals("STARTED", text(body, "outcome"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
        assertEquals(Map.of(DEFECTS_ARN, "eu-west-1"), signingRegions());
    }

    @Test
    void httpApiStartAnswers202() {
        JsonNode response = answer(invoke(event("apigw-http-start.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals("STARTED", text(parse(text(response, "body")), "outcome"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
    }

    @Test
    void scheduledRuleRunsTheDefaultCommandFromTheEnvironment() {
        JsonNode result = answer(invoke(event("eventbridge-scheduled-rule.json")));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
    }

    @Test
    void schedulerEnvelopeRunsTheCommandInItsStringDetail() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode result = answer(invoke(event("eventbridge-scheduler-envelope-stop.json")));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
    }

    @Test
    void customEventStartsTheModelItsDetailNamesByArn() {
        JsonNode result = answer(invoke(event("eventbridge-custom-start.json")));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
    }

    @Test
    void anSqsMessageIsRefusedNamingWhatArrivedAndReachesNoModel() {
        Outcome outcome = invoke("{\"Records\":[{\"messageId\":\"059f36b4\",\"body\":\"{\\\"model\\\":\\\"defects\\\"}\","
                + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:eu-west-1:123456789012:q\"}]}");

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        assertTrue(text(parse(outcome.body()), "errorMessage").contains("got an SQS message"), outcome.body());
        assertEquals(0, rekognition.totalCalls());
    }

    @Test
    void badInputFailsTheInvocationAndReachesNoModel() {
        Outcome outcome = invoke("{\"model\":\"defects\",\"minInferenceUnits\":99}");

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        assertEquals("Runtime.UserException", outcome.errorTypeHeader());
        JsonNode error = parse(outcome.body());
        assertTrue(text(error, "errorMessage").contains("exceeds the ceiling"), outcome.body());
        assertEquals("io.github.customlabels.scheduler.control.InvalidCommandException", text(error, "errorType"));
        assertEquals(0, rekognition.totalCalls());
    }

    @Test
    void scheduledStartSkipsAModelWhoseStartsAnOverrideSkipsAndStartsTheOther() {
        String until = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        rekognition.answersWhenBodyContains("ListTagsForResource", DEFECTS_ARN,
                "{\"Tags\":{\"custom-labels-scheduler:skip-starts-until\":\"" + until + "\"}}");

        JsonNode result = answer(invoke(event("schedule-start.json")));

        assertEquals("true", text(result, "succeeded"));
        JsonNode defects = result.asObject().get("results").asArray().get(0);
        assertEquals("SKIPPED_BY_OVERRIDE", text(defects, "outcome"));
        assertEquals(until, text(defects, "until"));
        assertEquals(List.of(LOGOS_ARN), List.copyOf(startBodies().keySet()));
        assertEquals(2, rekognition.calls("ListTagsForResource").size());
    }

    @Test
    void failedScheduledStartFailsTheInvocationAndNamesTheModel() {
        rekognition.failsStartOf(LOGOS_ARN, 400, "AccessDeniedException");

        Outcome outcome = invoke(event("schedule-start.json"));

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        assertEquals("Runtime.UserException", outcome.errorTypeHeader());
        JsonNode error = parse(outcome.body());
        assertEquals("io.github.customlabels.scheduler.trigger.CommandFailedException", text(error, "errorType"));
        JsonNode result = parse(text(error, "errorMessage"));
        assertEquals("false", text(result, "succeeded"));
        assertEquals(List.of("logos"), result.asObject().get("failedModels").asArray().stream().map(JsonNode::asString).toList());
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void stopRouteStopsOnlyThatModel() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode response = answer(invoke(event("apigw-rest-stop.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
        // Beside the stop, one read of the model's override (a person's stop says so; an idle stop obeys it).
        assertEquals(List.of("{\"ResourceArn\":\"" + DEFECTS_ARN + "\"}"), bodies("ListTagsForResource"));
        assertEquals(2, rekognition.totalCalls());
    }

    @Test
    void stoppingAStoppedModelIsSuccessAfterOneStatusLookup() {
        rekognition.fails("StopProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "STOPPED", 1, 2));

        JsonNode response = answer(invoke(event("apigw-rest-stop.json")));

        assertEquals("200", response.asObject().get("statusCode").asNumber());
        assertEquals("ALREADY_STOPPED", text(parse(text(response, "body")), "outcome"));
        assertEquals(List.of("{\"ProjectArn\":\"" + DEFECTS_PROJECT_ARN + "\",\"VersionNames\":[\"defects.2026-11-01\"]}"),
                bodies("DescribeProjectVersions"));
        // Stop, status lookup, and the read of the override a person's stop reports.
        assertEquals(3, rekognition.totalCalls());
    }

    @Test
    void startingATrainingModelIsRefusedWith409() {
        rekognition.reset();
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "TRAINING_IN_PROGRESS", 1, null));

        JsonNode response = answer(invoke(event("apigw-rest-start.json")));

        assertEquals("409", response.asObject().get("statusCode").asNumber());
        assertTrue(text(parse(text(response, "body")), "detail").contains("TRAINING_IN_PROGRESS"));
    }

    @Test
    void statusAndListDescribeWithoutChangingAnything() {
        rekognition.answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                        describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2))
                .answersWhenBodyContains("DescribeProjectVersions", "project/logos/",
                        describeVersionsAnswer(LOGOS_ARN, "STOPPED", 1, null))
                .answersWhenBodyContains("DescribeProjectVersions", "project/gauges/",
                        describeVersionsAnswer(GAUGES_ARN, "STARTING", 1, null))
                .answers("DescribeProjects", "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN + "\"}]}");

        JsonNode status = parse(text(answer(invoke(event("apigw-rest-status.json"))), "body"));
        JsonNode list = parse(text(answer(invoke(event("apigw-http-list.json"))), "body"));

        assertEquals("RUNNING", text(status, "status"));
        assertEquals(List.of("defects:RUNNING", "logos:STOPPED", "gauges:STARTING"),
                list.asObject().get("models").asArray().stream()
                        .map(m -> text(m, "model") + ":" + text(m, "status")).toList());
        assertEquals(0, rekognition.calls("StartProjectVersion").size() + rekognition.calls("StopProjectVersion").size());
    }

    @Test
    void oneFailingModelAmongThreeIsReportedWhileTheOtherTwoStart() {
        rekognition.failsStartOf(LOGOS_ARN, 400, "AccessDeniedException");

        Outcome outcome = invoke("{\"action\":\"start\",\"models\":[\"defects\",\"logos\",\"gauges\"]}");

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        JsonNode result = parse(text(parse(outcome.body()), "errorMessage"));
        assertEquals(List.of("defects:STARTED", "logos:FAILED", "gauges:STARTED"),
                result.asObject().get("results").asArray().stream()
                        .map(r -> text(r, "model") + ":" + text(r, "outcome")).toList());
        assertEquals(Map.of(DEFECTS_ARN, "eu-west-1", LOGOS_ARN, "us-east-1", GAUGES_ARN, "eu-west-1"), signingRegions());
    }

    @Test
    void idleAlarmStopsItsModelAndAnOkAlarmIsIgnored() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode stopped = answer(invoke(event("cloudwatch-alarm-idle.json")));
        JsonNode ignored = answer(invoke(event("cloudwatch-alarm-idle-ok.json")));

        assertEquals("true", text(stopped, "succeeded"));
        assertEquals("true", text(ignored, "ignored"));
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
        // Beside the stop, one read of the model's override (a person's stop says so; an idle stop obeys it).
        assertEquals(List.of("{\"ResourceArn\":\"" + DEFECTS_ARN + "\"}"), bodies("ListTagsForResource"));
        assertEquals(2, rekognition.totalCalls());
    }

    @Test
    void serverErrorsAndThrottlingThatClearUpStillStartTheModel() {
        rekognition.reset();
        rekognition.failsOnceThenAnswers("StartProjectVersion", 500, "InternalServerError", STARTING);

        JsonNode response = answer(invoke(event("apigw-rest-start.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void endlessThrottlingAnswers429BeforeTheLambdaDeadline() {
        rekognition.reset();
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        long started = System.nanoTime();
        JsonNode response = answer(invoke(event("apigw-rest-start.json"), Duration.ofMillis(2_500)));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("429", response.asObject().get("statusCode").asNumber());
        assertEquals("5", text(response, "headers", "Retry-After"));
        assertTrue(elapsedMillis < 2_500, "answered after " + elapsedMillis + " ms, past the 2.5 s deadline");
    }

    @Test
    void aScheduledStartOfAMissingVersionFailsTheInvocationWithItsCode() {
        rekognition.reset();
        rekognition.fails("StartProjectVersion", 400, "ResourceNotFoundException");

        Outcome outcome = invoke(event("schedule-keep-running.json"));

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        JsonNode result = parse(text(parse(outcome.body()), "errorMessage"));
        JsonNode model = result.asObject().get("results").asArray().get(0);
        assertEquals("ResourceNotFoundException", text(model, "error", "code"));
        assertEquals("404", text(model, "error", "httpStatus"));
        assertFalse(outcome.body().contains("secret-role"), "Rekognition's message stays in the log: " + outcome.body());
    }

    private static List<String> bodies(String operation) {
        return rekognition.calls(operation).stream().map(LoggedRequest::getBodyAsString).toList();
    }

    // --- invoking and reading answers

    /** Queues an event and waits, bounded, for the runtime to post its outcome. */
    private static Outcome invoke(String payload) {
        return await(runtime.invoke(payload));
    }

    /** Queues an event whose Lambda deadline is {@code timeout} away, as Lambda's Runtime API states it. */
    private static Outcome invoke(String payload, Duration timeout) {
        return await(runtime.invoke(payload, timeout));
    }

    private static Outcome await(CompletableFuture<Outcome> pending) {
        return function.await(pending, ANSWER_TIMEOUT, "answer");
    }

    /** The answer of a successful invocation. */
    private static JsonNode answer(Outcome outcome) {
        assertFalse(outcome.failed(), () -> "the invocation failed: " + outcome.body() + function.logTail());
        return parse(outcome.body());
    }

    private static JsonNode parse(String json) {
        return JsonNode.parser().parse(json);
    }

    private static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.asObject().get(name);
        }
        return current == null || current.isNull() ? null : current.text();
    }

    /** The body of each StartProjectVersion call, by the version it names. */
    private static Map<String, String> startBodies() {
        return rekognition.calls("StartProjectVersion").stream().collect(Collectors.toMap(
                call -> text(parse(call.getBodyAsString()), "ProjectVersionArn"), LoggedRequest::getBodyAsString));
    }

    /** The SigV4 region of each StartProjectVersion call, by the version it names. */
    private static Map<String, String> signingRegions() {
        return rekognition.calls("StartProjectVersion").stream().collect(Collectors.toMap(
                call -> text(parse(call.getBodyAsString()), "ProjectVersionArn"),
                call -> call.getHeader("Authorization").replaceAll(".*Credential=[^/]+/\\d{8}/([^/]+)/rekognition/aws4_request.*", "$1")));
    }
}
