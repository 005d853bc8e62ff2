package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.body;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.contract.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Stop, status, list, several models at once and idle auto-stop. */
class ModelLifecycleTest {

    private static final String LOGOS_PROJECTS = "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN + "\"}]}";

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private final SchedulerHandler handler = Fixtures.handler(rekognition);

    @Test
    void stopRouteStopsTheModelAndAnswers202() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode response = invoke(handler, event("apigw-rest-stop.json"));

        assertEquals(202, statusCode(response));
        assertEquals("STOPPED", text(body(response), "outcome"));
        assertEquals("STOPPING", text(body(response), "status"));
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOPPED", "STOPPING"})
    void stoppingAStoppedModelIsSuccess(String status) {
        rekognition.fails("StopProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjects", LOGOS_PROJECTS)
                .answers("DescribeProjectVersions", describeVersionsAnswer(LOGOS_ARN, status, 1, null));

        JsonNode response = invoke(handler, event("function-url-stop.json"));

        assertEquals(200, statusCode(response));
        assertEquals("ALREADY_STOPPED", text(body(response), "outcome"));
        assertEquals(status, text(body(response), "status"));
    }

    @ParameterizedTest(name = "{0}, the stop answered {1}")
    @org.junit.jupiter.params.provider.CsvSource({"FAILED, InvalidParameterException", "TRAINING_COMPLETED, ResourceInUseException",
            "EXPIRED, InvalidParameterException", "DEPRECATED, ResourceInUseException"})
    void aScheduledStopOfAModelThatIsNotRunningSucceeds(String status, String stopAnswer) {
        rekognition.fails("StopProjectVersion", 400, stopAnswer)
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, status, 1, null));

        JsonNode result = invoke(handler, event("eventbridge-scheduler-envelope-stop.json"));

        assertEquals("true", text(result, "succeeded"), "no failed invocation, so no retry and no dead letter");
        JsonNode model = result.asObject().get("results").asArray().get(0);
        assertEquals("NOT_RUNNING", text(model, "outcome"));
        assertEquals(status, text(model, "status"));
        assertEquals(1, rekognition.calls("StopProjectVersion").size());
    }

    @Test
    void theStopRouteAnswers200ForAFailedModel() {
        rekognition.fails("StopProjectVersion", 400, "InvalidParameterException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "FAILED", 1, null));

        JsonNode response = invoke(handler, event("apigw-rest-stop.json"));

        assertEquals(200, statusCode(response));
        assertEquals("NOT_RUNNING", text(body(response), "outcome"));
    }

    @Test
    void stoppingAStartingModelIsRefusedWith409UntilItRuns() {
        rekognition.fails("StopProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "STARTING", 1, null));

        JsonNode response = invoke(handler, event("apigw-rest-stop.json"));

        assertEquals(409, statusCode(response));
        assertTrue(text(body(response), "detail").contains("until it is RUNNING"), text(body(response), "detail"));
    }

    @Test
    void stoppingATrainingModelIsRefusedWith409() {
        rekognition.fails("StopProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "TRAINING_IN_PROGRESS", 1, null));

        JsonNode response = invoke(handler, event("apigw-rest-stop.json"));

        assertEquals(409, statusCode(response));
        assertTrue(text(body(response), "detail").contains("TRAINING_IN_PROGRESS"));
    }

    @Test
    void schedulerEnvelopeWithAStopCommandStopsTheModel() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode result = invoke(handler, event("eventbridge-scheduler-envelope-stop.json"));

        assertEquals("stop", text(result, "action"));
        assertEquals(1, rekognition.calls("StopProjectVersion").size());
    }

    @Test
    void statusRouteReportsStatusMessageAndUnits() {
        rekognition.answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 2, 4));

        JsonNode response = invoke(handler, event("apigw-rest-status.json"));

        assertEquals(200, statusCode(response));
        JsonNode model = body(response);
        assertEquals("RUNNING", text(model, "status"));
        assertEquals("The model is running.", text(model, "statusMessage"));
        assertEquals("2", text(model, "minInferenceUnits"));
        assertEquals("4", text(model, "maxInferenceUnits"));
    }

    @Test
    void statusShowsAStatusTheServiceAddsLaterInsteadOfFailing() {
        rekognition.answers("DescribeProjects", LOGOS_PROJECTS)
                .answers("DescribeProjectVersions", describeVersionsAnswer(LOGOS_ARN, "HIBERNATING", 1, null));

        JsonNode result = invoke(handler, event("direct-status.json"));

        assertEquals("HIBERNATING", text(result.asObject().get("results").asArray().get(0), "status"));
    }

    @Test
    void listRouteReportsEveryConfiguredModel() {
        rekognition.answers("DescribeProjects", LOGOS_PROJECTS)
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2));

        JsonNode response = invoke(handler, event("apigw-http-list.json"));

        assertEquals(200, statusCode(response));
        List<JsonNode> models = body(response).asObject().get("models").asArray();
        assertEquals(List.of("defects", "logos", "gauges"), models.stream().map(m -> text(m, "model")).toList());
        assertEquals("RUNNING", text(models.get(0), "status"));
        // The stub answers with the defects version, so logos is honestly reported as not found.
        assertEquals("FAILED", text(models.get(1), "outcome"));
        assertEquals("404", text(models.get(1), "error", "httpStatus"));
    }

    @Test
    void oneFailingModelAmongSeveralIsReportedWhileTheOthersRun() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}")
                .failsStartOf(LOGOS_ARN, 400, "LimitExceededException");

        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> invoke(handler, "{\"action\":\"start\",\"models\":[\"logos\",\"defects\"]}"));

        JsonNode result = Json.parse(failure.getMessage());
        List<JsonNode> results = result.asObject().get("results").asArray();
        assertEquals("FAILED", text(results.get(0), "outcome"));
        assertEquals("LimitExceededException", text(results.get(0), "error", "code"));
        assertEquals("STARTED", text(results.get(1), "outcome"));
    }

    @Test
    void idleAlarmStopsOnlyTheModelsTiedToIt() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        JsonNode result = invoke(Fixtures.handler(rekognition, log), event("cloudwatch-alarm-idle.json"));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
        JsonNode invocation = log.withMessage("invocation").get(0);
        assertEquals("alarm", text(invocation, "trigger"));
        assertEquals("CustomLabelsScheduler-defects-idle", text(invocation, "alarm"));
        assertEquals("STOPPED", text(log.withMessage("model action").get(0), "outcome"));
    }

    @Test
    void idleAlarmReturningToOkIsIgnoredWithALogLine() {
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        JsonNode result = invoke(Fixtures.handler(rekognition, log), event("cloudwatch-alarm-idle-ok.json"));

        assertEquals("true", text(result, "ignored"));
        assertEquals(0, rekognition.totalCalls());
        assertEquals(1, log.lines.size());
        JsonNode line = log.lines.get(0);
        assertEquals("IGNORED", text(line, "outcome"));
        assertTrue(text(line, "note").contains("not ALARM"));
    }

    @Test
    void alarmsOfOtherDeploymentsAreIgnored() {
        JsonNode result = invoke(handler, event("cloudwatch-alarm-other.json"));

        assertEquals("true", text(result, "ignored"));
        assertTrue(text(result, "reason").contains("lambda-demo-metric-alarm"));
        assertEquals(0, rekognition.totalCalls());
    }

    private List<String> bodies(String operation) {
        return rekognition.calls(operation).stream().map(LoggedRequest::getBodyAsString).toList();
    }
}
