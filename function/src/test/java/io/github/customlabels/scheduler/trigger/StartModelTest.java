package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.body;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.contract.json.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Starting a model from every trigger, against a loopback Rekognition and the function's real Rekognition client. */
class StartModelTest {

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private SchedulerHandler handler;

    @BeforeEach
    void setUp() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        handler = Fixtures.handler(rekognition);
    }

    @Test
    void scheduleInputStartsEveryNamedModelWithTheScheduledUnits() {
        JsonNode result = invoke(handler, event("schedule-start.json"));

        assertEquals("true", text(result, "succeeded"));
        Map<String, String> sent = startBodies();
        assertEquals(Map.of(
                DEFECTS_ARN, "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}",
                LOGOS_ARN, "{\"ProjectVersionArn\":\"" + LOGOS_ARN + "\",\"MinInferenceUnits\":1}"), sent);
        List<JsonNode> results = result.asObject().get("results").asArray();
        assertEquals("STARTED", text(results.get(0), "outcome"));
        assertEquals("STARTING", text(results.get(0), "status"));
        assertEquals("logos", text(results.get(1), "model"));
    }

    @Test
    void sendsTheProtocolRekognitionExpects() {
        invoke(handler, event("direct-start.json"));

        LoggedRequest request = rekognition.calls("StartProjectVersion").get(0);
        assertEquals("application/x-amz-json-1.1", request.getHeader("Content-Type"));
        assertEquals("RekognitionService.StartProjectVersion", request.getHeader("X-Amz-Target"));
        assertTrue(request.getHeader("Authorization").contains("/eu-west-1/rekognition/aws4_request"),
                request.getHeader("Authorization"));
    }

    @Test
    void startsEachModelInTheRegionOfItsArn() {
        invoke(handler, event("schedule-start.json"));

        Map<String, String> regionByModel = rekognition.calls("StartProjectVersion").stream().collect(Collectors.toMap(
                r -> r.getBodyAsString().contains("logos") ? "logos" : "defects",
                r -> r.getHeader("Authorization").replaceAll(".*Credential=[^/]+/\\d+/([^/]+)/.*", "$1")));
        assertEquals(Map.of("defects", "eu-west-1", "logos", "us-east-1"), regionByModel);
    }

    @Test
    void omitsMaxInferenceUnitsWhenNeitherCommandNorModelGivesIt() {
        invoke(handler, "{\"model\":\"logos\"}");

        assertEquals(List.of("{\"ProjectVersionArn\":\"" + LOGOS_ARN + "\",\"MinInferenceUnits\":1}"),
                rekognition.calls("StartProjectVersion").stream().map(LoggedRequest::getBodyAsString).toList());
    }

    @Test
    void scheduledRuleWithEmptyDetailRunsTheConfiguredDefaultCommand() {
        JsonNode result = invoke(handler, event("eventbridge-scheduled-rule.json"));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(List.of(DEFECTS_ARN), startBodies().keySet().stream().toList());
    }

    @Test
    void schedulerEnvelopeWithStringDetailRunsTheDefaultCommand() {
        invoke(handler, event("eventbridge-scheduler-envelope.json"));

        assertEquals(1, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void customEventCarryingACommandStartsTheVersionItNames() {
        JsonNode result = invoke(handler, event("eventbridge-custom-start.json"));

        assertEquals("defects", text(result.asObject().get("results").asArray().get(0), "model"));
        assertEquals("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}",
                startBodies().get(DEFECTS_ARN));
    }

    @Test
    void restApiStartDecodesTheBase64BodyAndAnswers202() {
        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(202, statusCode(response));
        assertEquals("application/json", Fixtures.header(response, "Content-Type"));
        JsonNode body = body(response);
        assertEquals("STARTED", text(body, "outcome"));
        assertEquals("STARTING", text(body, "status"));
        assertEquals("2", text(body, "maxInferenceUnits"));
    }

    @Test
    void restApiBehindACustomDomainBasePathRoutesByItsResource() {
        String event = event("apigw-rest-start.json")
                .replace("\"path\": \"/models/defects/start\"", "\"path\": \"/scheduler/models/defects/start\"");
        assertTrue(event.contains("/scheduler/models/defects/start"));

        JsonNode response = invoke(handler, event);

        assertEquals(202, statusCode(response));
        assertEquals(List.of(DEFECTS_ARN), startBodies().keySet().stream().toList());
    }

    @Test
    void httpApiOnANamedStageStartsTheModelInThePath() {
        JsonNode response = invoke(handler, event("apigw-http-start.json"));

        assertEquals(202, statusCode(response));
        assertEquals("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}",
                startBodies().get(DEFECTS_ARN));
    }

    @Test
    void startingARunningModelAnswers200WithTheUnitsItRunsWith() {
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 2, 3));

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(200, statusCode(response));
        JsonNode body = body(response);
        assertEquals("ALREADY_RUNNING", text(body, "outcome"));
        assertEquals("RUNNING", text(body, "status"));
        assertEquals("2", text(body, "minInferenceUnits"));
        assertTrue(text(body, "note").contains("running with 2..3 inference units, not the 1..2 asked"), text(body, "note"));
        String describe = rekognition.calls("DescribeProjectVersions").get(0).getBodyAsString();
        assertEquals("{\"ProjectArn\":\"" + DEFECTS_PROJECT_ARN + "\",\"VersionNames\":[\"defects.2026-11-01\"]}", describe);
        assertEquals(0, rekognition.calls("DescribeProjects").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"STARTING", "RUNNING"})
    void scheduledStartOfAStartingOrRunningModelSucceeds(String status) {
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, status, 1, 2));

        JsonNode result = invoke(handler, event("schedule-keep-running.json"));

        assertEquals("true", text(result, "succeeded"));
        assertEquals("ALREADY_RUNNING", text(result.asObject().get("results").asArray().get(0), "outcome"));
        assertNull(text(result.asObject().get("results").asArray().get(0), "note"));
    }

    @Test
    void findsTheProjectArnByNameOnceAndCachesIt() {
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjects", "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN
                        + "\",\"Status\":\"CREATED\"}]}")
                .answers("DescribeProjectVersions", describeVersionsAnswer(LOGOS_ARN, "RUNNING", 1, null));

        invoke(handler, "{\"model\":\"logos\"}");
        invoke(handler, "{\"model\":\"logos\"}");

        assertEquals(1, rekognition.calls("DescribeProjects").size());
        assertEquals("{\"ProjectNames\":[\"logos\"]}", rekognition.calls("DescribeProjects").get(0).getBodyAsString());
        assertEquals(2, rekognition.calls("DescribeProjectVersions").size());
        assertTrue(rekognition.calls("DescribeProjectVersions").get(1).getBodyAsString().contains(LOGOS_PROJECT_ARN));
    }

    @Test
    void startingAStoppingModelIsRefusedWith409() {
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "STOPPING", 1, 2));

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(409, statusCode(response));
        assertEquals("application/problem+json", Fixtures.header(response, "Content-Type"));
        assertTrue(text(body(response), "detail").contains("STOPPING"));
    }

    @Test
    void aStartThatMeetsAModelJustStoppedIsTriedAgainAndStarts() {
        rekognition.reset();
        rekognition.failsOnceThenAnswers("StartProjectVersion", 400, "ResourceInUseException", "{\"Status\":\"STARTING\"}")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "STOPPED", 1, 2));

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(202, statusCode(response));
        assertEquals("STARTED", text(body(response), "outcome"));
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
        assertEquals(1, rekognition.calls("DescribeProjectVersions").size());
    }

    @Test
    void dryRunReportsTheRequestAndSendsNothing() {
        JsonNode result = invoke(handler, event("direct-start-dry-run.json"));

        assertEquals(0, rekognition.totalCalls());
        JsonNode model = result.asObject().get("results").asArray().get(0);
        assertEquals("PLANNED", text(model, "outcome"));
        assertEquals("StartProjectVersion", text(model, "request", "operation"));
        assertEquals("eu-west-1", text(model, "request", "region"));
        assertEquals(DEFECTS_ARN, text(model, "request", "ProjectVersionArn"));
        assertEquals("2", text(model, "request", "MinInferenceUnits"));
        assertEquals("4", text(model, "request", "MaxInferenceUnits"));
    }

    @Test
    void aFailedScheduledStartFailsTheInvocationAndNamesTheModel() {
        rekognition.failsStartOf(LOGOS_ARN, 400, "AccessDeniedException");

        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> invoke(handler, event("schedule-start.json")));

        JsonNode result = Json.parse(failure.getMessage());
        assertEquals("false", text(result, "succeeded"));
        assertEquals("logos", result.asObject().get("failedModels").asArray().get(0).asString());
        List<JsonNode> results = result.asObject().get("results").asArray();
        assertEquals("STARTED", text(results.get(0), "outcome"));
        assertEquals("FAILED", text(results.get(1), "outcome"));
        assertEquals("AccessDeniedException", text(results.get(1), "error", "code"));
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void retriesThrottlingAndStartsTheModel() {
        rekognition.failsOnceThenAnswers("StartProjectVersion", 400, "ThrottlingException", "{\"Status\":\"STARTING\"}");

        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(202, statusCode(response));
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void logsOneLinePerModelActionAndOnePerInvocation() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        invoke(Fixtures.handler(rekognition, log), event("schedule-start.json"));

        assertEquals(3, log.lines.size());
        JsonNode invocation = log.withMessage("invocation").get(0);
        assertEquals("INFO", text(invocation, "level"));
        assertEquals("command", text(invocation, "trigger"));
        assertEquals("start", text(invocation, "action"));
        assertEquals("SUCCEEDED", text(invocation, "outcome"));
        assertEquals("8f5b9d1e-test-request", text(invocation, "requestId"));
        assertEquals(2, invocation.asObject().get("models").asArray().size());
        List<JsonNode> actions = log.withMessage("model action");
        assertEquals(List.of("defects", "logos"), actions.stream().map(a -> text(a, "Model")).sorted().toList());
        JsonNode defects = actions.stream().filter(a -> "defects".equals(text(a, "Model"))).findFirst().orElseThrow();
        assertEquals("STARTED", text(defects, "outcome"));
        assertEquals("1", text(defects, "minInferenceUnits"));
        assertEquals("2", text(defects, "maxInferenceUnits"));
        assertTrue(text(defects, "rekognitionRequestId").startsWith("0f1e2d3c-"));
        assertEquals("8f5b9d1e-test-request", text(defects, "requestId"));
    }

    @Test
    void eachModelActionIsAnEmbeddedMetricFormatDocument() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        invoke(Fixtures.handler(rekognition, log), event("direct-start.json"));

        JsonNode line = log.withMessage("model action").get(0);
        JsonNode directive = line.asObject().get("_aws").asObject().get("CloudWatchMetrics").asArray().get(0);
        assertEquals("CustomLabelsScheduler", text(directive, "Namespace"));
        assertEquals("Model", directive.asObject().get("Dimensions").asArray().get(0).asArray().get(0).asString());
        List<String> metrics = directive.asObject().get("Metrics").asArray().stream().map(m -> text(m, "Name")).toList();
        assertEquals(List.of("Started", "RekognitionLatency"), metrics);
        assertEquals("Milliseconds", text(directive.asObject().get("Metrics").asArray().get(1), "Unit"));
        assertEquals("defects", text(line, "Model"));
        assertEquals("1", text(line, "Started"));
        assertTrue(text(line, "RekognitionLatency").matches("\\d+"), "latency in whole milliseconds: " + line);
        assertTrue(Long.parseLong(text(line.asObject().get("_aws"), "Timestamp")) > 1_700_000_000_000L);
    }

    private Map<String, String> startBodies() {
        return rekognition.calls("StartProjectVersion").stream().collect(Collectors.toMap(
                r -> Json.parse(r.getBodyAsString()).asObject().get("ProjectVersionArn").asString(),
                LoggedRequest::getBodyAsString));
    }
}
