package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.customlabels.scheduler.control.InvalidCommandException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;

/** Verified starts through the handler, fed by the samples of {@code events/}: a start schedules, a check checks. */
@ExtendWith(MockitoExtension.class)
class StartVerificationTriggerTest {

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    @Mock
    SchedulerClient scheduler;
    private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();

    private SchedulerHandler handler(String now) {
        return VerificationFixtures.handler(rekognition, scheduler, Instant.parse(now), log);
    }

    @Test
    void aDirectStartAnswersWithItsFirstCheckScheduledThroughTheLiveAlias() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");

        JsonNode answer = invoke(handler("2026-11-30T07:00:00Z"), Fixtures.event("direct-start.json"));

        JsonNode verification = answer.field("results").orElseThrow().asArray().get(0).field("verification").orElseThrow();
        assertEquals("SCHEDULED", text(verification, "status"));
        assertEquals("verify-1-defects", text(verification, "schedule"));
        assertEquals("2026-11-30T07:10:00Z", text(verification, "firstCheckAt"));
        assertEquals("2026-11-30T07:40:00Z", text(verification, "deadline"));
        ArgumentCaptor<CreateScheduleRequest> sent = ArgumentCaptor.forClass(CreateScheduleRequest.class);
        verify(scheduler).createSchedule(sent.capture());
        assertEquals(new TestContext().getInvokedFunctionArn(), sent.getValue().target().arn());
    }

    @Test
    void aDryRunStartSchedulesNoCheck() {
        invoke(handler("2026-11-30T07:00:00Z"), Fixtures.event("direct-start-dry-run.json"));

        verifyNoInteractions(scheduler);
    }

    @Test
    void theCheckSampleVerifiesAModelThatIsRunning() {
        rekognition.answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2));

        JsonNode answer = invoke(handler("2026-11-30T07:12:00Z"), Fixtures.event("verification-check.json"));

        assertEquals("VERIFIED", text(answer, "verification", "outcome"));
        assertEquals("12.0", answer.field("verification").get().field("minutesToRunning").get().asNumber());
        assertEquals(1, log.withMessage("start verified").size());
        verifyNoInteractions(scheduler);
    }

    @Test
    void aCheckWithBrokenFieldsIsRefusedNamingEachAndNeverReachesRekognition() {
        String broken = "{\"verification\":{\"model\":\"defects\",\"projectVersionArn\":\"arn:aws:s3:::bucket\","
                + "\"check\":0,\"startedAt\":\"yesterday\",\"deadline\":\"2026-11-30T07:40:00Z\",\"extra\":1}}";

        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> invoke(handler("2026-11-30T07:12:00Z"), broken));

        String problems = String.join("\n", e.problems());
        assertTrue(problems.contains("unknown field \"extra\""), problems);
        assertTrue(problems.contains("verification.projectVersionArn is not a Rekognition"), problems);
        assertTrue(problems.contains("verification.check must be a whole number from 1"), problems);
        assertTrue(problems.contains("verification.startedAt must be an ISO-8601 time"), problems);
        assertEquals(0, rekognition.totalCalls());
        verifyNoInteractions(scheduler);
    }

    @Test
    void aCheckInADeploymentThatDoesNotVerifyStartsIsRefused() {
        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> invoke(Fixtures.handler(rekognition), Fixtures.event("verification-check.json")));

        assertTrue(e.problems().get(0).contains("does not verify starts"), e.problems().toString());
        assertEquals(0, rekognition.totalCalls());
    }
}
