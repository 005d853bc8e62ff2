package io.github.customlabels.scheduler.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.Metrics;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.FollowUp;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsResponse;
import software.amazon.awssdk.services.rekognition.model.ProjectVersionDescription;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;

/** Start verification against mocked Scheduler and Rekognition clients: what is scheduled, checked and told. */
@ExtendWith(MockitoExtension.class)
class StartVerifierTest {

    static final String DEFECTS_ARN =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000";
    static final String DEFECTS_PROJECT = "arn:aws:rekognition:eu-west-1:123456789012:project/defects/1761900000000";
    static final String INVOKED_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:custom-labels-scheduler:live";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/scheduler-verification";
    static final String DEAD_LETTER_ARN = "arn:aws:sqs:eu-west-1:123456789012:scheduler-dead-letters";
    static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:scheduler-alarms";
    static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
    static final VerificationSettings SETTINGS = new VerificationSettings("CustomLabelsScheduler-verifications",
            ROLE_ARN, DEAD_LETTER_ARN, "live", Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(40),
            Optional.of(TOPIC_ARN));

    @Mock
    SchedulerClient scheduler;
    @Mock
    RekognitionClient rekognition;

    private final List<JsonNode> lines = new ArrayList<>();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private StartVerifier verifier() {
        ModelCatalog catalog = new ModelCatalog(List.of(new ModelConfig("defects",
                ProjectVersionArn.parse(DEFECTS_ARN).orElseThrow(), Optional.of(DEFECTS_PROJECT), 1, 2L, 4)));
        return new StartVerifier(SETTINGS, catalog, new RekognitionGateway(region -> rekognition),
                new CheckSchedules(() -> scheduler, SETTINGS),
                Optional.of(new StartNotifier(new CheckSchedules(() -> scheduler, SETTINGS), TOPIC_ARN)),
                new VerificationLog(line -> lines.add(Json.parse(line))), clock);
    }

    private StartVerifier verifier;

    @BeforeEach
    void setUp() {
        verifier = verifier();
    }

    // --- after a start or a stop ---

    @Test
    void schedulesTheFirstCheckTenMinutesAfterAnAcceptedStart() {
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());
        when(scheduler.deleteSchedule(any(DeleteScheduleRequest.class))).thenThrow(notFound());

        ModelResult.Done done = followUp(started());

        CreateScheduleRequest sent = captureCreate();
        assertEquals("verify-1-defects", sent.name());
        assertEquals("CustomLabelsScheduler-verifications", sent.groupName());
        assertEquals("at(2026-11-30T07:10:00)", sent.scheduleExpression());
        assertEquals("UTC", sent.scheduleExpressionTimezone());
        assertEquals(FlexibleTimeWindowMode.OFF, sent.flexibleTimeWindow().mode());
        assertEquals(ActionAfterCompletion.DELETE, sent.actionAfterCompletion());
        Target target = sent.target();
        assertEquals(INVOKED_ARN, target.arn());
        assertEquals(ROLE_ARN, target.roleArn());
        assertEquals(DEAD_LETTER_ARN, target.deadLetterConfig().arn());
        assertEquals(3, target.retryPolicy().maximumRetryAttempts());
        assertEquals("{\"verification\":{\"model\":\"defects\",\"projectVersionArn\":\"" + DEFECTS_ARN + "\","
                + "\"check\":1,\"startedAt\":\"2026-11-30T07:00:00Z\",\"deadline\":\"2026-11-30T07:40:00Z\"}}",
                target.input());
        assertEquals("verify-2-defects", captureDelete().get(0).name(), "an earlier start's even check is cleared");
        FollowUp.Scheduled scheduled = assertInstanceOf(FollowUp.Scheduled.class, done.verification());
        assertEquals(Instant.parse("2026-11-30T07:10:00Z"), scheduled.firstCheckAt());
        assertEquals(Instant.parse("2026-11-30T07:40:00Z"), scheduled.deadline());
    }

    @Test
    void checksAStartMadeThroughAnotherQualifierThroughTheConfiguredAlias() {
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());
        when(scheduler.deleteSchedule(any(DeleteScheduleRequest.class))).thenThrow(notFound());

        verifier.followUp(result(started()), "arn:aws:lambda:eu-west-1:123456789012:function:custom-labels-scheduler",
                "req-1", Deadline.in(Duration.ofSeconds(20)));

        assertEquals(INVOKED_ARN, captureCreate().target().arn());
    }

    @Test
    void aNewerStartOverwritesThePendingCheck() {
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenThrow(conflict());
        when(scheduler.updateSchedule(any(UpdateScheduleRequest.class))).thenReturn(UpdateScheduleResponse.builder().build());
        when(scheduler.deleteSchedule(any(DeleteScheduleRequest.class))).thenReturn(DeleteScheduleResponse.builder().build());

        ModelResult.Done done = followUp(started());

        ArgumentCaptor<UpdateScheduleRequest> update = ArgumentCaptor.forClass(UpdateScheduleRequest.class);
        verify(scheduler).updateSchedule(update.capture());
        assertEquals("verify-1-defects", update.getValue().name());
        assertEquals("at(2026-11-30T07:10:00)", update.getValue().scheduleExpression());
        assertEquals(ActionAfterCompletion.DELETE, update.getValue().actionAfterCompletion());
        assertTrue(update.getValue().target().input().contains("\"startedAt\":\"2026-11-30T07:00:00Z\""));
        assertInstanceOf(FollowUp.Scheduled.class, done.verification());
    }

    @Test
    void aStartThatFindsTheModelStartingKeepsThePendingCheckAsItIs() {
        when(scheduler.getSchedule(any(GetScheduleRequest.class))).thenReturn(GetScheduleResponse.builder().build());

        ModelResult.Done done = followUp(alreadyStarting());

        verify(scheduler, never()).createSchedule(any(CreateScheduleRequest.class));
        verify(scheduler, never()).updateSchedule(any(UpdateScheduleRequest.class));
        assertInstanceOf(FollowUp.AlreadyPending.class, done.verification());
    }

    @Test
    void aStartThatFindsTheModelStartingWithoutACheckSchedulesOne() {
        when(scheduler.getSchedule(any(GetScheduleRequest.class))).thenThrow(notFound());
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());

        ModelResult.Done done = followUp(alreadyStarting());

        assertEquals("verify-1-defects", captureCreate().name());
        assertInstanceOf(FollowUp.Scheduled.class, done.verification());
    }

    @Test
    void aStartOfARunningModelNeedsNoCheck() {
        ModelResult.Done running = new ModelResult.Done("defects", Action.START, Outcome.ALREADY_RUNNING,
                new ModelState("RUNNING", null, 1L, 2L), null, null);

        ModelResult.Done done = followUp(running);

        verifyNoInteractions(scheduler);
        assertEquals(null, done.verification());
    }

    @Test
    void aStopDeletesThePendingCheckInEitherSlot() {
        when(scheduler.deleteSchedule(any(DeleteScheduleRequest.class)))
                .thenThrow(notFound()).thenReturn(DeleteScheduleResponse.builder().build());

        ModelResult.Done done = followUp(new ModelResult.Done("defects", Action.STOP, Outcome.STOPPED,
                new ModelState("STOPPING", null, null, null), null, "r"));

        List<DeleteScheduleRequest> deleted = captureDelete();
        assertEquals(List.of("verify-1-defects", "verify-2-defects"), deleted.stream().map(DeleteScheduleRequest::name).toList());
        assertEquals("CustomLabelsScheduler-verifications", deleted.get(0).groupName());
        assertEquals("CANCELLED", done.verification().status());
    }

    @Test
    void aCheckThatCannotBeScheduledLeavesTheStartAcceptedAndRaisesTheAlarm() {
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenThrow(throttled());

        CommandResult result = verifier.followUp(result(started()), INVOKED_ARN, "req-1", Deadline.in(Duration.ofSeconds(20)));

        assertTrue(result.succeeded(), "Rekognition accepted the start: that stays a success");
        ModelResult.Done done = (ModelResult.Done) result.results().get(0);
        FollowUp.NotScheduled notScheduled = assertInstanceOf(FollowUp.NotScheduled.class, done.verification());
        assertTrue(notScheduled.reason().contains("ThrottlingException"), notScheduled.reason());
        JsonNode error = onlyLine(Metrics.MESSAGE_NOT_VERIFIED);
        assertEquals("ERROR", text(error, "level"));
        assertEquals("NOT_FOLLOWED_UP", text(error, "reason"));
        assertMetric(error, Metrics.START_VERIFICATION_FAILED, "1.0", true);
        assertTrue(capturePublish().message().contains("Model: defects"));
        assertEquals("ERROR", text(onlyLine("start verification notification failed"), "level"),
                "Scheduler throttled the notification too: the log says so, the alarm still fires");
    }

    @Test
    void aDryRunSchedulesNothing() {
        ModelResult.Planned planned = new ModelResult.Planned("defects", Action.START, "eu-west-1",
                software.amazon.awssdk.services.rekognition.model.StartProjectVersionRequest.builder().build());

        verifier.followUp(new CommandResult(Action.START, true, List.of(planned), List.of(1L)), INVOKED_ARN, "r",
                Deadline.in(Duration.ofSeconds(20)));

        verifyNoInteractions(scheduler);
    }

    // --- the checks ---

    @Test
    void aCheckThatFindsTheModelRunningVerifiesTheStartWithTheMinutesItTook() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:17:30Z"), ZoneOffset.UTC);
        describes("RUNNING", null);

        CheckOutcome outcome = verifier().check(check(1), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertEquals(17.5, assertInstanceOf(CheckOutcome.Verified.class, outcome).minutesToRunning());
        JsonNode line = onlyLine(Metrics.MESSAGE_VERIFIED);
        assertEquals("INFO", text(line, "level"));
        assertEquals("defects", text(line, "Model"));
        assertMetric(line, Metrics.MINUTES_TO_RUNNING, "17.5", false);
        verifyNoInteractions(scheduler);
    }

    @Test
    void aCheckThatFindsTheModelFailedNotifiesTheModelTheStateAndRekognitionsMessage() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:10:00Z"), ZoneOffset.UTC);
        describes("FAILED", "The model could not be started: inference unit limit exceeded");
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());

        CheckOutcome outcome = verifier().check(check(1), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        CheckOutcome.NotVerified failed = assertInstanceOf(CheckOutcome.NotVerified.class, outcome);
        assertEquals("FAILED", failed.reason());
        JsonNode error = onlyLine(Metrics.MESSAGE_NOT_VERIFIED);
        assertEquals("ERROR", text(error, "level"));
        assertEquals("FAILED", text(error, "status"));
        assertEquals("The model could not be started: inference unit limit exceeded", text(error, "statusMessage"));
        assertMetric(error, Metrics.START_VERIFICATION_FAILED, "1.0", true);
        Published published = capturePublish();
        assertEquals(TOPIC_ARN, published.topicArn());
        assertEquals("Custom Labels model defects did not start: FAILED", published.subject());
        assertTrue(published.message().contains("State: FAILED"), published.message());
        assertTrue(published.message().contains("Status message: The model could not be started: inference unit"
                + " limit exceeded"), published.message());
        assertEquals(1, creates().size(), "the notification, and no further check");
    }

    @Test
    void aCheckThatFindsTheModelStartingSchedulesTheNextInTheOtherSlot() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:10:00Z"), ZoneOffset.UTC);
        describes("STARTING", null);
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());

        CheckOutcome outcome = verifier().check(check(1), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        CreateScheduleRequest sent = captureCreate();
        assertEquals("verify-2-defects", sent.name(), "never its own name, which Scheduler deletes after firing");
        assertEquals("at(2026-11-30T07:15:00)", sent.scheduleExpression());
        assertTrue(sent.target().input().contains("\"check\":2"), sent.target().input());
        assertTrue(sent.target().input().contains("\"startedAt\":\"2026-11-30T07:00:00Z\""));
        assertEquals(2, assertInstanceOf(CheckOutcome.NextCheck.class, outcome).check());
        verify(scheduler, never()).updateSchedule(any(UpdateScheduleRequest.class));
        assertTrue(notifications().isEmpty());
    }

    @Test
    void theLastCheckBeforeTheDeadlineIsSetAtTheDeadline() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:37:00Z"), ZoneOffset.UTC);
        describes("STARTING", null);
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());

        verifier().check(check(6), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertEquals("verify-1-defects", captureCreate().name());
        assertEquals("at(2026-11-30T07:40:00)", captureCreate().scheduleExpression());
    }

    @Test
    void aModelStillStartingAtTheDeadlineIsTooSlow() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:40:00Z"), ZoneOffset.UTC);
        describes("STARTING", null);
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());

        CheckOutcome outcome = verifier().check(check(7), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertEquals("TIMED_OUT", assertInstanceOf(CheckOutcome.NotVerified.class, outcome).reason());
        JsonNode error = onlyLine(Metrics.MESSAGE_NOT_VERIFIED);
        assertEquals("STARTING", text(error, "status"));
        assertEquals("the model is not RUNNING 40 minutes after its start", text(error, "detail"));
        assertEquals("Custom Labels model defects is not RUNNING in time: STARTING", capturePublish().subject());
        assertEquals(1, creates().size(), "the notification, and no further check");
    }

    @Test
    void aCheckWhoseNextSlotHoldsANewerStartsCheckEndsItsChain() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:15:00Z"), ZoneOffset.UTC);
        describes("STARTING", null);
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenThrow(conflict());

        CheckOutcome outcome = verifier().check(check(2), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertInstanceOf(CheckOutcome.Ended.class, outcome);
        verify(scheduler, never()).updateSchedule(any(UpdateScheduleRequest.class));
        assertTrue(notifications().isEmpty());
        assertTrue(lines.stream().noneMatch(l -> Json.field(l, "_aws").isPresent()), "no metric: nothing failed");
    }

    @Test
    void aCheckThatFindsTheModelStoppedEndsWithoutAlarm() {
        describes("STOPPED", null);

        CheckOutcome outcome = verifier().check(check(1), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertInstanceOf(CheckOutcome.Ended.class, outcome);
        verifyNoInteractions(scheduler);
    }

    @Test
    void aCheckWhenRekognitionDoesNotAnswerLooksAgainLater() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:10:00Z"), ZoneOffset.UTC);
        when(rekognition.describeProjectVersions(any(DescribeProjectVersionsRequest.class)))
                .thenThrow(ThrottlingException.builder().message("slow down").statusCode(400).build());
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenReturn(CreateScheduleResponse.builder().build());

        CheckOutcome outcome = verifier().check(check(1), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertEquals("UNKNOWN", assertInstanceOf(CheckOutcome.NextCheck.class, outcome).status());
    }

    @Test
    void aCheckWhoseNextCheckCannotBeScheduledRaisesTheAlarm() {
        clock = Clock.fixed(Instant.parse("2026-11-30T07:10:00Z"), ZoneOffset.UTC);
        describes("STARTING", null);
        when(scheduler.createSchedule(any(CreateScheduleRequest.class))).thenThrow(throttled());

        CheckOutcome outcome = verifier().check(check(1), INVOKED_ARN, "req-2", Deadline.in(Duration.ofSeconds(20)));

        assertEquals("NOT_FOLLOWED_UP", assertInstanceOf(CheckOutcome.NotVerified.class, outcome).reason());
        assertMetric(onlyLine(Metrics.MESSAGE_NOT_VERIFIED), Metrics.START_VERIFICATION_FAILED, "1.0",
                true);
    }

    @Test
    void aCheckOfAModelThatIsNotConfiguredIsRefusedAndNeverReachesRekognition() {
        VerificationRequest other = new VerificationRequest("logos", DEFECTS_ARN, 1, NOW, NOW.plusSeconds(2400));

        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> verifier.check(other, INVOKED_ARN, "r", Deadline.in(Duration.ofSeconds(20))));

        assertTrue(e.problems().get(0).contains("\"logos\" is not a configured model"), e.problems().toString());
        verifyNoInteractions(rekognition, scheduler);
    }

    @Test
    void aCheckOfAnotherVersionOfTheModelIsRefused() {
        VerificationRequest other = new VerificationRequest("defects", DEFECTS_ARN.replace("1761955200000", "1"), 1,
                NOW, NOW.plusSeconds(2400));

        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> verifier.check(other, INVOKED_ARN, "r", Deadline.in(Duration.ofSeconds(20))));

        assertTrue(e.problems().get(0).contains("not the configured version"), e.problems().toString());
        verifyNoInteractions(rekognition, scheduler);
    }

    // --- helpers ---

    private ModelResult.Done followUp(ModelResult.Done done) {
        CommandResult result = verifier.followUp(result(done), INVOKED_ARN, "req-1", Deadline.in(Duration.ofSeconds(20)));
        return (ModelResult.Done) result.results().get(0);
    }

    private static CommandResult result(ModelResult.Done done) {
        return new CommandResult(done.action(), false, List.of(done), List.of(12L));
    }

    private static ModelResult.Done started() {
        return new ModelResult.Done("defects", Action.START, Outcome.STARTED, new ModelState("STARTING", null, 1L, 2L),
                null, "rek-1");
    }

    private static ModelResult.Done alreadyStarting() {
        return new ModelResult.Done("defects", Action.START, Outcome.ALREADY_RUNNING,
                new ModelState("STARTING", null, 1L, 2L), null, null);
    }

    static VerificationRequest check(int n) {
        return new VerificationRequest("defects", DEFECTS_ARN, n, NOW, NOW.plus(Duration.ofMinutes(40)));
    }

    private void describes(String status, String message) {
        when(rekognition.describeProjectVersions(any(DescribeProjectVersionsRequest.class))).thenReturn(
                DescribeProjectVersionsResponse.builder().projectVersionDescriptions(ProjectVersionDescription.builder()
                        .projectVersionArn(DEFECTS_ARN).status(status).statusMessage(message)
                        .minInferenceUnits(1).build()).build());
    }

    private List<CreateScheduleRequest> creates() {
        ArgumentCaptor<CreateScheduleRequest> sent = ArgumentCaptor.forClass(CreateScheduleRequest.class);
        verify(scheduler, org.mockito.Mockito.atLeast(0)).createSchedule(sent.capture());
        return sent.getAllValues();
    }

    /** The one check that was scheduled. */
    private CreateScheduleRequest captureCreate() {
        List<CreateScheduleRequest> checks = creates().stream()
                .filter(r -> !StartNotifier.SNS_PUBLISH_TARGET.equals(r.target().arn())).toList();
        assertEquals(1, checks.size(), checks.toString());
        return checks.get(0);
    }

    private List<CreateScheduleRequest> notifications() {
        return creates().stream().filter(r -> StartNotifier.SNS_PUBLISH_TARGET.equals(r.target().arn())).toList();
    }

    /** What SNS is asked to publish: Scheduler's universal target sends the input as Publish's parameters. */
    record Published(String topicArn, String subject, String message) {
    }

    private List<DeleteScheduleRequest> captureDelete() {
        ArgumentCaptor<DeleteScheduleRequest> sent = ArgumentCaptor.forClass(DeleteScheduleRequest.class);
        verify(scheduler, org.mockito.Mockito.atLeastOnce()).deleteSchedule(sent.capture());
        return sent.getAllValues();
    }

    private Published capturePublish() {
        List<CreateScheduleRequest> sent = notifications();
        assertEquals(1, sent.size());
        CreateScheduleRequest request = sent.get(0);
        assertEquals("notify-defects", request.name());
        assertEquals(ActionAfterCompletion.DELETE, request.actionAfterCompletion());
        assertEquals(ROLE_ARN, request.target().roleArn());
        JsonNode input = Json.parse(request.target().input());
        return new Published(text(input, "TopicArn"), text(input, "Subject"), text(input, "Message"));
    }

    private JsonNode onlyLine(String message) {
        List<JsonNode> found = lines.stream().filter(l -> message.equals(text(l, "message"))).toList();
        assertEquals(1, found.size(), lines.toString());
        return found.get(0);
    }

    /** The line is an EMF document for the metric in the function's namespace, per model (and overall). */
    private static void assertMetric(JsonNode line, String metric, String value, boolean overall) {
        JsonNode directive = Json.path(line, "_aws", "CloudWatchMetrics").orElseThrow().asArray().get(0);
        assertEquals("CustomLabelsScheduler", text(directive, "Namespace"));
        assertEquals(metric, text(directive.field("Metrics").get().asArray().get(0), "Name"));
        List<JsonNode> dimensions = directive.field("Dimensions").get().asArray();
        assertEquals("Model", dimensions.get(0).asArray().get(0).asString());
        assertEquals(overall ? 2 : 1, dimensions.size());
        if (overall) {
            assertTrue(dimensions.get(1).asArray().isEmpty(), "the deployment-wide count has no dimension");
        }
        assertEquals(value, line.field(metric).get().asNumber());
    }

    private static String text(JsonNode node, String field) {
        return Json.string(node, field).orElse(null);
    }

    private static ConflictException conflict() {
        return ConflictException.builder().message("Schedule verify-1-defects already exists.").statusCode(409).build();
    }

    private static ResourceNotFoundException notFound() {
        return ResourceNotFoundException.builder().message("Schedule not found.").statusCode(404).build();
    }

    private static software.amazon.awssdk.services.scheduler.model.ThrottlingException throttled() {
        return (software.amazon.awssdk.services.scheduler.model.ThrottlingException)
                software.amazon.awssdk.services.scheduler.model.ThrottlingException.builder()
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                .errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
                        .statusCode(429).build();
    }
}
