package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
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
import io.github.customlabels.scheduler.control.InvalidCommandException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Overrides end to end, on the wire: set through every trigger (REST, HTTP API, direct command, custom event), kept
 * as tags on the model version, obeyed by schedules and idle stops, reported to people who act anyway, and gone
 * when they expire or are cancelled.
 */
class OverridesTest {

    /** keepRunningUntil of the samples: 2026-12-01T22:00:00+01:00. */
    private static final String TONIGHT = "2026-12-01T21:00:00Z";
    /** skipStartsUntil of the samples: 2026-12-07T06:00:00+01:00. */
    private static final String NEXT_MONDAY = "2026-12-07T05:00:00Z";

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();
    private SchedulerHandler handler;

    @BeforeEach
    void setUp() {
        rekognition.answers("TagResource", "{}").answers("UntagResource", "{}")
                .answers("StartProjectVersion", "{\"Status\":\"STARTING\"}")
                .answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");
        handler = Fixtures.handler(rekognition, log);
    }

    @Test
    void restPutTagsTheModelVersionWithTheEndInUtcAndRemovesTheOtherEnd() {
        JsonNode response = invoke(handler, event("apigw-rest-override.json"));

        assertEquals(200, statusCode(response));
        assertEquals(TONIGHT, text(body(response), "override", "keepRunningUntil"));
        assertEquals("OVERRIDE_SET", text(body(response), "outcome"));
        assertEquals("{\"ResourceArn\":\"" + DEFECTS_ARN + "\",\"Tags\":{\"custom-labels-scheduler:keep-running-until\":\""
                + TONIGHT + "\"}}", sent("TagResource").get(0));
        assertEquals("{\"ResourceArn\":\"" + DEFECTS_ARN + "\",\"TagKeys\":[\"custom-labels-scheduler:skip-starts-until\"]}",
                sent("UntagResource").get(0));
    }

    @Test
    void httpApiPutSetsASkipOfStarts() {
        JsonNode response = invoke(handler, event("apigw-http-override.json"));

        assertEquals(200, statusCode(response));
        assertEquals(NEXT_MONDAY, text(body(response), "override", "skipStartsUntil"));
        assertTrue(sent("TagResource").get(0).contains("\"custom-labels-scheduler:skip-starts-until\":\"" + NEXT_MONDAY));
    }

    @Test
    void directCommandAndCustomEventSetOverridesForARunbookOrAnotherSystem() {
        JsonNode direct = invoke(handler, event("direct-override.json"));
        JsonNode custom = invoke(handler, event("eventbridge-custom-override.json"));

        assertEquals("true", text(direct, "succeeded"));
        assertEquals("true", text(custom, "succeeded"));
        assertEquals(3, sent("TagResource").size());
        assertTrue(sent("TagResource").stream().anyMatch(b -> b.contains(LOGOS_ARN) && b.contains(NEXT_MONDAY)));
    }

    @Test
    void bothEndsAtOnceAreOneTagResourceAndNoUntag() {
        invoke(handler, "{\"action\":\"override\",\"model\":\"defects\",\"keepRunningUntil\":\"2026-12-01T22:00:00+01:00\","
                + "\"skipStartsUntil\":\"2026-12-07T06:00:00+01:00\"}");

        assertEquals(1, sent("TagResource").size());
        assertEquals(0, sent("UntagResource").size());
    }

    @Test
    void deleteAndCancelCommandRemoveBothTags() {
        JsonNode response = invoke(handler, event("apigw-rest-cancel-override.json"));
        invoke(handler, event("direct-cancel-override.json"));

        assertEquals(200, statusCode(response));
        assertEquals("OVERRIDE_CANCELLED", text(body(response), "outcome"));
        assertEquals("{\"ResourceArn\":\"" + DEFECTS_ARN + "\",\"TagKeys\":[\"custom-labels-scheduler:keep-running-until\","
                + "\"custom-labels-scheduler:skip-starts-until\"]}", sent("UntagResource").get(0));
        assertEquals(2, sent("UntagResource").size());
    }

    @Test
    void scheduledStartSkipsAModelWhoseStartsAreSkippedAndStartsTheOthers() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:skip-starts-until", NEXT_MONDAY);

        JsonNode result = invoke(handler, event("schedule-start.json"));

        assertEquals("true", text(result, "succeeded"));
        JsonNode defects = result.asObject().get("results").asArray().get(0);
        assertEquals("SKIPPED_BY_OVERRIDE", text(defects, "outcome"));
        assertEquals(NEXT_MONDAY, text(defects, "until"));
        assertTrue(text(defects, "reason").contains("schedule weekday-warm-up"), text(defects, "reason"));
        assertEquals(1, sent("StartProjectVersion").size());
        assertTrue(sent("StartProjectVersion").get(0).contains(LOGOS_ARN));
        JsonNode line = log.withMessage("model action").stream()
                .filter(l -> "defects".equals(text(l, "Model"))).findFirst().orElseThrow();
        assertEquals("1", text(line, "SkippedByOverride"));
        assertEquals(NEXT_MONDAY, text(line, "until"));
    }

    @Test
    void scheduledStopAndIdleStopSkipAModelKeptRunning() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:keep-running-until", TONIGHT);

        JsonNode scheduled = invoke(handler, event("schedule-stop.json"));
        JsonNode idle = invoke(handler, event("cloudwatch-alarm-idle.json"));

        assertEquals("SKIPPED_BY_OVERRIDE", text(scheduled.asObject().get("results").asArray().get(0), "outcome"));
        assertEquals("SKIPPED_BY_OVERRIDE", text(idle.asObject().get("results").asArray().get(0), "outcome"));
        assertEquals("true", text(idle, "succeeded"));
        // Only logos, which has no override, was stopped.
        assertEquals(1, sent("StopProjectVersion").size());
        assertTrue(sent("StopProjectVersion").get(0).contains(LOGOS_ARN));
    }

    @Test
    void plainScheduledRuleCountsAsAScheduleAndSkips() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:skip-starts-until", NEXT_MONDAY);

        JsonNode result = invoke(handler, event("eventbridge-scheduled-rule.json"));

        assertEquals("SKIPPED_BY_OVERRIDE", text(result.asObject().get("results").asArray().get(0), "outcome"));
        assertEquals(0, sent("StartProjectVersion").size());
    }

    @Test
    void aPersonsStopStillStopsAndTheAnswerSaysAnOverrideWasInForce() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:keep-running-until", TONIGHT);

        JsonNode api = invoke(handler, event("apigw-rest-stop.json"));
        JsonNode direct = invoke(handler, event("direct-stop.json"));

        assertEquals(202, statusCode(api));
        assertTrue(text(body(api), "note").contains("keepRunningUntil " + TONIGHT), text(body(api), "note"));
        assertEquals("STOPPED", text(direct.asObject().get("results").asArray().get(0), "outcome"));
        assertEquals(2, sent("StopProjectVersion").size());
    }

    @Test
    void anExpiredOverrideIsIgnored() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:keep-running-until", "2026-12-01T07:59:59Z");

        JsonNode result = invoke(handler, event("schedule-stop.json"));

        assertEquals("STOPPED", text(result.asObject().get("results").asArray().get(0), "outcome"));
        assertEquals(2, sent("StopProjectVersion").size());
    }

    @Test
    void theSameOverrideStopsBeingObeyedOnceItsEndPasses() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:keep-running-until", TONIGHT);
        SchedulerHandler tomorrow = new SchedulerHandler(Wiring.of(Fixtures.CONFIG, rekognition.gateway())
                .withClock(Clock.fixed(Fixtures.NOW.plusSeconds(86_400), ZoneOffset.UTC)).withLog(log));

        JsonNode result = invoke(tomorrow, event("schedule-stop.json"));

        assertEquals("STOPPED", text(result.asObject().get("results").asArray().get(0), "outcome"));
    }

    @Test
    void aScheduleThatCannotReadTheOverrideFailsSoItIsRetriedAndAlarmed() {
        rekognition.fails("ListTagsForResource", 400, "AccessDeniedException");

        CommandFailedException failed = assertThrows(CommandFailedException.class,
                () -> invoke(handler, event("schedule-stop.json")));

        assertTrue(failed.getMessage().contains("AccessDeniedException"), failed.getMessage());
        assertEquals(0, sent("StopProjectVersion").size());
    }

    @Test
    void listShowsOnlyOverridesInForceWithOneReadPerModel() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:keep-running-until", TONIGHT);

        JsonNode response = invoke(handler, event("apigw-rest-list-overrides.json"));

        assertEquals(200, statusCode(response));
        List<JsonNode> overrides = body(response).asObject().get("overrides").asArray();
        assertEquals(1, overrides.size());
        assertEquals("defects", text(overrides.get(0), "model"));
        assertEquals(TONIGHT, text(overrides.get(0), "keepRunningUntil"));
        assertEquals(3, rekognition.calls("ListTagsForResource").size());
        assertEquals(rekognition.calls("ListTagsForResource").size(), rekognition.totalCalls());
    }

    @Test
    void httpApiListNamesAModelWhoseOverrideCouldNotBeRead() {
        tags(DEFECTS_ARN, "custom-labels-scheduler:skip-starts-until", NEXT_MONDAY);
        rekognition.failsFor("ListTagsForResource", LOGOS_ARN, 400, "AccessDeniedException");

        JsonNode response = invoke(handler, event("apigw-http-list-overrides.json"));

        assertEquals(200, statusCode(response));
        JsonNode answer = body(response);
        assertEquals(NEXT_MONDAY, text(answer.asObject().get("overrides").asArray().get(0), "skipStartsUntil"));
        JsonNode unreadable = answer.asObject().get("unreadable").asArray().get(0);
        assertEquals("logos", text(unreadable, "model"));
        assertEquals("AccessDeniedException", text(unreadable, "error", "code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"override\",\"model\":\"defects\",\"keepRunningUntil\":\"2026-11-30T22:00:00+01:00\"}",
            "{\"action\":\"override\",\"model\":\"defects\",\"skipStartsUntil\":\"2026-12-31T00:00:00Z\"}",
            "{\"action\":\"override\",\"model\":\"defects\"}"})
    void anOverrideInThePastTooFarAheadOrWithoutAnEndIsRefusedUnsent(String command) {
        InvalidCommandException refused = assertThrows(InvalidCommandException.class, () -> invoke(handler, command));

        assertTrue(refused.getMessage().matches(".*(not in the future|more than 14 days ahead|needs keepRunningUntil).*"),
                refused.getMessage());
        assertEquals(0, rekognition.totalCalls());
    }

    @Test
    void everyProblemOfAnOverrideIsNamedAtOnce() {
        String command = "{\"action\":\"override\",\"model\":\"defects\",\"keepRunningUntil\":\"2026-11-30T22:00:00+01:00\","
                + "\"skipStartsUntil\":\"2027-01-01T00:00:00Z\"}";

        InvalidCommandException refused = assertThrows(InvalidCommandException.class, () -> invoke(handler, command));

        assertEquals(2, refused.problems().size(), refused.getMessage());
    }

    private void tags(String arn, String key, String value) {
        rekognition.answersWhenBodyContains("ListTagsForResource", arn, "{\"Tags\":{\"" + key + "\":\"" + value + "\"}}");
    }

    private List<String> sent(String operation) {
        return rekognition.calls(operation).stream().map(LoggedRequest::getBodyAsString)
                .map(b -> Json.write(Json.parse(b))).toList();
    }
}
