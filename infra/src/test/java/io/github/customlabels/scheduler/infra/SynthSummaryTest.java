package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.list;
import static io.github.customlabels.scheduler.infra.TestConfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `cdk synth` prints on stderr: models, schedules with their next local run, alarms and the API's URL. */
class SynthSummaryTest {

    /** Friday 2026-11-27, 09:00 in Berlin. */
    private static final Clock FRIDAY_MORNING = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void summarizesModelsSchedulesAlarmsAndApi() {
        String summary = render(TestConfigs.example(), "eu-west-1");

        assertEquals(List.of(
                "Custom Labels Scheduler - stack CustomLabelsScheduler in eu-west-1",
                "  models:",
                "    defects  eu-west-1  1..2 units (ceiling 4)  idle stop after 60 min",
                "    logos    us-east-1  1 unit (ceiling 1)",
                "  schedules:",
                "    weekday-warm-up    start defects, logos        0 7 ? * MON-FRI *        Europe/Berlin  "
                        + "next: Mon 2026-11-30 07:00 CET",
                "    weekday-cool-down  stop defects, logos         0 19 ? * MON-FRI *       Europe/Berlin  "
                        + "next: Fri 2026-11-27 19:00 CET",
                "    keep-running       start defects (2..4 units)  0/30 8-18 ? * MON-FRI *  Europe/Berlin  "
                        + "next: Fri 2026-11-27 09:30 CET",
                "  alarms: function errors, throttles, dead letters -> CloudWatch only (set alarms.email or "
                        + "alarms.topicArn to be notified)",
                "  dashboard: CustomLabelsScheduler",
                "  API: POST https://<api-id>.execute-api.eu-west-1.amazonaws.com/prod/models/{name}/start  "
                        + "(IAM, SigV4)",
                "       also POST .../models/{name}/stop, GET .../models/{name}, GET .../models"),
                summary.lines().toList());
        assertEquals('\n', summary.charAt(summary.length() - 1));
    }

    @Test
    void showsTheNextRunInTheSchedulesOwnZoneAndOffset() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.schedule(context, 0).put("timezone", "America/New_York");

        // 03:00 in New York: the warm-up at 07:00 is still ahead today.
        List<String> lines = render(context, "eu-west-1").lines().toList();

        assertEquals("    weekday-warm-up    start defects, logos        0 7 ? * MON-FRI *        America/New_York  "
                + "next: Fri 2026-11-27 07:00 EST", lines.get(5));
    }

    @Test
    void refersToTheCronForPatternsItDoesNotEvaluate() {
        Map<String, Object> context = TestConfigs.example();
        context.put("schedules", list(map("name", "month-end", "cron", "0 18 L * ? *", "timezone", "UTC",
                "action", "stop", "models", list("defects"))));

        List<String> lines = render(context, "eu-west-1").lines().toList();

        assertEquals("    month-end  stop defects  0 18 L * ? *  UTC  next: see cron (L, W and # are left to "
                + "EventBridge)", lines.get(5));
    }

    @Test
    void saysWhereAlarmsGo() {
        Map<String, Object> email = TestConfigs.example();
        email.put("alarms", map("email", "ops@example.com"));
        Map<String, Object> topic = TestConfigs.example();
        topic.put("alarms", map("topicArn", "arn:aws:sns:eu-west-1:123456789012:ops-alerts"));

        assertEquals("  alarms: function errors, throttles, dead letters -> email ops@example.com (confirm the "
                + "subscription SNS mails after the deploy)", line(render(email, "eu-west-1"), "  alarms: "));
        assertEquals("  alarms: function errors, throttles, dead letters -> SNS topic "
                + "arn:aws:sns:eu-west-1:123456789012:ops-alerts", line(render(topic, "eu-west-1"), "  alarms: "));
    }

    @Test
    void namesTheApiLocksAndStage() {
        Map<String, Object> context = TestConfigs.example();
        context.put("api", map("stageName", "v1", "apiKeyRequired", true,
                "allowedPrincipals", list("arn:aws:iam::123456789012:role/model-operators")));

        assertEquals("  API: POST https://<api-id>.execute-api.eu-west-1.amazonaws.com/v1/models/{name}/start  "
                + "(IAM, SigV4, x-api-key, 1 principal allowed)", line(render(context, "eu-west-1"), "  API: "));
    }

    @Test
    void leavesTheRegionToTheCliWhenNoneIsConfigured() {
        String summary = render(TestConfigs.defectsOnly(), null);

        assertEquals("Custom Labels Scheduler - stack CustomLabelsScheduler in the CLI's default region",
                summary.lines().findFirst().orElseThrow());
        assertEquals("  schedules: none (models start and stop through the API, events and idle stop)",
                line(summary, "  schedules:"));
        assertEquals("  API: POST https://<api-id>.execute-api.<region>.amazonaws.com/prod/models/{name}/start  "
                + "(IAM, SigV4)", line(summary, "  API: "));
    }

    private static String render(Map<String, Object> context, String region) {
        return SynthSummary.render(DeploymentConfig.parse(context), SchedulerApp.STACK_NAME, region, FRIDAY_MORNING);
    }

    private static String line(String summary, String start) {
        return summary.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
    }
}
