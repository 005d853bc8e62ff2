package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.body;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A model's status shows its next scheduled start and stop (schedule, UTC, the schedule's own clock) and the override
 * in force, through the API and the status command; across daylight-saving changes the local time stays put.
 */
class NextActionsTest {

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();

    @BeforeEach
    void setUp() {
        rekognition
                .answers("DescribeProjects", "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN + "\"}]}")
                .answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                        describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2))
                .answersWhenBodyContains("DescribeProjectVersions", "project/logos/",
                        describeVersionsAnswer(LOGOS_ARN, "STOPPED", 1, null));
    }

    @Test
    void statusShowsTheNextStopAndStartWithTheirSchedulesAndTheOverrideInForce() {
        rekognition.answersWhenBodyContains("ListTagsForResource", DEFECTS_ARN,
                "{\"Tags\":{\"custom-labels-scheduler:keep-running-until\":\"2026-12-01T21:00:00Z\",\"team\":\"qa\"}}");

        // Tuesday 2026-12-01, 09:00 in Berlin: the cool-down at 19:00 comes before Wednesday's warm-up.
        JsonNode model = body(invoke(handlerAt(Fixtures.NOW), event("apigw-rest-status.json")));

        assertEquals("2026-12-01T21:00:00Z", text(model, "override", "keepRunningUntil"));
        List<JsonNode> next = model.asObject().get("nextActions").asArray();
        assertEquals(2, next.size());
        assertEquals("stop", text(next.get(0), "action"));
        assertEquals("weekday-cool-down", text(next.get(0), "schedule"));
        assertEquals("2026-12-01T18:00:00Z", text(next.get(0), "at"));
        assertEquals("2026-12-01T19:00:00+01:00", text(next.get(0), "localTime"));
        assertEquals("Europe/Berlin", text(next.get(0), "timezone"));
        // The override keeps the model running past 19:00, so the cool-down will leave it alone.
        assertEquals("true", text(next.get(0), "skippedByOverride"));
        assertEquals("start", text(next.get(1), "action"));
        assertEquals("weekday-warm-up", text(next.get(1), "schedule"));
        assertEquals("2026-12-02T06:00:00Z", text(next.get(1), "at"));
        assertNull(text(next.get(1), "skippedByOverride"));
    }

    @Test
    void theStatusCommandShowsTheSameForEachModel() {
        JsonNode result = invoke(handlerAt(Fixtures.NOW), event("direct-multi-status.json"));

        for (JsonNode model : result.asObject().get("results").asArray()) {
            assertTrue(model.asObject().get("override").isNull(), "no override on " + text(model, "model"));
            assertEquals(2, model.asObject().get("nextActions").asArray().size(), text(model, "model"));
        }
    }

    @ParameterizedTest(name = "at {0}: next start {1} UTC, {2} in Berlin")
    @CsvSource({
            // Friday before the autumn change (Sunday 2026-10-25): Monday's 07:00 is already winter time, UTC+1.
            "2026-10-23T10:00:00Z, 2026-10-26T06:00:00Z, 2026-10-26T07:00:00+01:00",
            // Thursday 2026-10-22, still summer time, UTC+2.
            "2026-10-21T10:00:00Z, 2026-10-22T05:00:00Z, 2026-10-22T07:00:00+02:00",
            // Friday before the spring change (Sunday 2027-03-28): Monday's 07:00 is summer time, UTC+2.
            "2027-03-26T10:00:00Z, 2027-03-29T05:00:00Z, 2027-03-29T07:00:00+02:00"})
    void theNextStartKeepsItsLocalTimeAcrossDaylightSaving(String now, String utc, String local) {
        JsonNode model = body(invoke(handlerAt(Instant.parse(now)), event("apigw-rest-status.json")));

        JsonNode start = model.asObject().get("nextActions").asArray().stream()
                .filter(n -> "start".equals(text(n, "action"))).findFirst().orElseThrow();
        assertEquals(utc, text(start, "at"));
        assertEquals(local, text(start, "localTime"));
    }

    private SchedulerHandler handlerAt(Instant now) {
        return new SchedulerHandler(Wiring.of(Fixtures.CONFIG, rekognition.gateway())
                .withClock(Clock.fixed(now, ZoneOffset.UTC)).withLog(new Fixtures.RecordingLog()));
    }
}
