package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.DashboardBody.properties;
import static io.github.customlabels.scheduler.infra.DashboardBody.widget;
import static io.github.customlabels.scheduler.infra.DashboardBody.widgets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The deployment's dashboard: schedules in words, alarms, and per model its units, outcomes and latency. */
class OperationsDashboardTest {

    private static Template template;
    private static Map<String, Object> body;

    @BeforeAll
    static void synthesizeExample() {
        template = SchedulerFunctionTest.example();
        body = DashboardBody.of(template);
    }

    @Test
    void namesTheDashboardAfterTheStack() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "CustomLabelsScheduler"));
    }

    @Test
    void graphsEachModelsInServiceAndDesiredUnitsFromItsOwnRegion() {
        assertEquals(List.of(
                        List.of("AWS/Rekognition", "InServiceInferenceUnits", "ProjectName", "defects",
                                "VersionName", "defects.2026-11-01",
                                Map.of("label", "in service", "region", "eu-west-1", "stat", "Maximum")),
                        List.of("AWS/Rekognition", "DesiredInferenceUnits", "ProjectName", "defects",
                                "VersionName", "defects.2026-11-01",
                                Map.of("label", "desired", "region", "eu-west-1", "stat", "Maximum"))),
                metrics("defects: inference units (eu-west-1)"));
        // logos runs in us-east-1, the stack in eu-west-1: without the metric's region the graph would stay empty.
        assertEquals(List.of(
                        List.of("AWS/Rekognition", "InServiceInferenceUnits", "ProjectName", "logos",
                                "VersionName", "logos.2026-10-15",
                                Map.of("label", "in service", "region", "us-east-1", "stat", "Maximum")),
                        List.of("AWS/Rekognition", "DesiredInferenceUnits", "ProjectName", "logos",
                                "VersionName", "logos.2026-10-15",
                                Map.of("label", "desired", "region", "us-east-1", "stat", "Maximum"))),
                metrics("logos: inference units (us-east-1)"));
    }

    @Test
    void graphsEveryWidgetInFiveMinutePeriods() {
        widgets(body).stream()
                .filter(widget -> "metric".equals(widget.get("type")))
                .forEach(widget -> assertEquals(300L, properties(widget).get("period"),
                        () -> "period of " + properties(widget).get("title")));
    }

    @Test
    void graphsTheFunctionsOutcomesPerModel() {
        for (String model : List.of("defects", "logos")) {
            List<Object> expected = new ArrayList<>();
            for (String outcome : List.of("Started", "AlreadyRunning", "Stopped", "AlreadyStopped", "NotRunning",
                    "SkippedByOverride", "Refused", "Failed")) {
                expected.add(List.of("CustomLabelsScheduler", outcome, "Model", model,
                        Map.of("label", outcome, "stat", "Sum")));
            }
            assertEquals(expected, metrics(model + ": outcomes (count per 5 min)"));
        }
    }

    @Test
    void graphsRekognitionLatencyPercentilesPerModel() {
        assertEquals(List.of(
                        List.of("CustomLabelsScheduler", "RekognitionLatency", "Model", "logos",
                                Map.of("label", "p50", "stat", "p50")),
                        List.of("CustomLabelsScheduler", "RekognitionLatency", "Model", "logos",
                                Map.of("label", "p99", "stat", "p99"))),
                metrics("logos: Rekognition latency (ms)"));
    }

    @Test
    void graphsTheAliasInvocationsErrorsAndThrottles() {
        String function = "${Ref:" + SchedulerFunctionTest.functionId() + "}";
        List<Object> expected = new ArrayList<>();
        for (String metric : List.of("Invocations", "Errors", "Throttles")) {
            expected.add(List.of("AWS/Lambda", metric, "FunctionName", function, "Resource", function + ":live",
                    Map.of("stat", "Sum")));
        }

        assertEquals(expected, metrics("Function (alias live): invocations, errors, throttles"));
    }

    @Test
    void graphsTheDeadLetterQueueDepth() {
        assertEquals(List.of(List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName",
                        "${" + SchedulerFunctionTest.deadLetterQueueId() + ".QueueName}", Map.of("stat", "Maximum"))),
                metrics("Dead-letter queue: messages waiting"));
    }

    @Test
    void showsTheStateOfEveryAlarm() {
        Map<String, Object> alarms = properties(widget(body, "Alarms"));

        assertEquals("alarm", widget(body, "Alarms").get("type"));
        assertEquals(List.of(
                "${" + alarmId("CustomLabelsScheduler-function-errors") + ".Arn}",
                "${" + alarmId("CustomLabelsScheduler-function-throttles") + ".Arn}",
                "${" + alarmId("CustomLabelsScheduler-dead-letters") + ".Arn}",
                "${" + alarmId("CustomLabelsScheduler-start-not-verified") + ".Arn}",
                "${" + alarmId("CustomLabelsScheduler-defects-idle") + ".Arn}"), alarms.get("alarms"));
    }

    @Test
    void listsEachScheduleWithItsActionModelsAndLocalTimeInWords() {
        List<Map<String, Object>> text = widgets(body).stream()
                .filter(widget -> "text".equals(widget.get("type")))
                .toList();

        assertEquals(1, text.size());
        assertEquals(OperationsDashboard.schedulesMarkdown(DeploymentConfig.parse(TestConfigs.example()).schedules()),
                properties(text.get(0)).get("markdown"));
    }

    @Test
    void writesTheSchedulesAsAMarkdownTable() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.schedule(context, 0).put("description", "Warm | ready\nby eight");
        TestConfigs.schedule(context, 1).put("cron", "0 8 L * ? *");

        String markdown = OperationsDashboard.schedulesMarkdown(DeploymentConfig.parse(context).schedules());

        assertEquals(List.of(
                "## Schedules",
                "",
                "| schedule | does | when | purpose |",
                "|---|---|---|---|",
                "| weekday-warm-up | start defects, logos | weekdays at 07:00 Europe/Berlin | Warm \\| ready by eight |",
                "| weekday-cool-down | stop defects, logos | cron(0 8 L * ? *) Europe/Berlin |  |",
                "| keep-running | start defects (2..4 units) | weekdays every 30 min from 08:00 to 18:30 "
                        + "Europe/Berlin |  |",
                "",
                "EventBridge Scheduler keeps these local times across daylight saving; a failed run alarms and "
                        + "lands in the dead-letter queue."), markdown.lines().toList());
    }

    @Test
    void saysSoWhenThereAreNoSchedulesAndGraphsOnlyConfiguredModels() {
        Map<String, Object> withoutSchedules = DashboardBody.of(TestStacks.template(TestConfigs.defectsOnly()));

        Map<String, Object> text = widgets(withoutSchedules).stream()
                .filter(widget -> "text".equals(widget.get("type")))
                .findFirst().orElseThrow();
        assertEquals("## Schedules\n\nNo schedules are configured: models start and stop only through the API, "
                + "events and idle stop.", properties(text).get("markdown"));
        assertEquals(List.of("Alarms", "defects: inference units (eu-west-1)", "defects: outcomes (count per 5 min)",
                        "defects: Rekognition latency (ms)", "Function (alias live): invocations, errors, throttles",
                        "Dead-letter queue: messages waiting", "Minutes from start to RUNNING (verified starts)"),
                widgets(withoutSchedules).stream()
                        .filter(widget -> properties(widget).containsKey("title"))
                        .map(widget -> properties(widget).get("title"))
                        .toList());
    }

    private static Object metrics(String title) {
        return properties(widget(body, title)).get("metrics");
    }

    private static String alarmId(String alarmName) {
        return template.getResourceId("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of("AlarmName", alarmName)));
    }
}
