package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Idle auto-stop: per model with idleStopMinutes, an alarm on "the model runs and nobody calls DetectCustomLabels"
 * that invokes the alias, and returns to OK once the model is stopped so that it fires again after the next start.
 */
class IdleStopAlarmsTest {

    private static final String ALARM_NAME = "CustomLabelsScheduler-defects-idle";

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void alarmsWhileTheModelRunsWithoutRequestsForTheIdleTime() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "EvaluationPeriods", 12,
                "DatapointsToAlarm", Match.absent(),
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void evaluatesRunningAndUnusedAsOneExpression() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME,
                "MetricName", Match.absent(),
                "Metrics", Match.arrayWith(List.of(Map.of(
                        // CloudWatch wants every id to start with a lower-case letter.
                        "Id", Match.stringLikeRegexp("^[a-z][A-Za-z0-9_]*$"),
                        "Expression", "IF(FILL(units, 0) > 0 AND FILL(requests, 0) < 1, 1, 0)",
                        "Label", "defects running without DetectCustomLabels requests",
                        "ReturnData", true)))));
        assertEquals(3, metrics().size());
        assertEquals(1, metrics().stream().filter(metric -> Boolean.TRUE.equals(metric.get("ReturnData"))).count());
    }

    @Test
    void watchesTheModelsOwnInServiceInferenceUnits() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME,
                "Metrics", Match.arrayWith(List.of(Map.of(
                        "Id", "units",
                        "MetricStat", Map.of(
                                "Metric", Map.of(
                                        "Namespace", "AWS/Rekognition",
                                        "MetricName", "InServiceInferenceUnits",
                                        "Dimensions", List.of(
                                                Map.of("Name", "ProjectName", "Value", "defects"),
                                                Map.of("Name", "VersionName", "Value", "defects.2026-11-01"))),
                                "Period", 300,
                                "Stat", "Maximum"),
                        "ReturnData", false)))));
    }

    @Test
    void countsDetectCustomLabelsRequestsInTheRegion() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME,
                "Metrics", Match.arrayWith(List.of(Map.of(
                        "Id", "requests",
                        "MetricStat", Map.of(
                                "Metric", Map.of(
                                        "Namespace", "AWS/Rekognition",
                                        "MetricName", "SuccessfulRequestCount",
                                        "Dimensions", List.of(Map.of("Name", "Operation", "Value", "DetectCustomLabels"))),
                                "Period", 300,
                                "Stat", "Sum"),
                        "ReturnData", false)))));
    }

    @Test
    void createsAlarmsOnlyForModelsWithIdleStop() {
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("AlarmName", Match.stringLikeRegexp(
                "-idle$")), 1);
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("Metrics", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Id", "units"))))), 1);
    }

    @Test
    void invokesTheLiveAliasFromTheAlarm() {
        String alarm = template.getResourceId("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "AlarmName", ALARM_NAME)));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME,
                "AlarmActions", List.of(Map.of("Ref", SchedulerFunctionTest.aliasId())),
                "OKActions", Match.absent(),
                "InsufficientDataActions", Match.absent()));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "lambda.alarms.cloudwatch.amazonaws.com",
                "FunctionName", Map.of("Ref", SchedulerFunctionTest.aliasId()),
                "SourceArn", Map.of("Fn::GetAtt", List.of(alarm, "Arn"))));
    }

    @Test
    void roundsTheIdleTimeUpToWholeFiveMinutePeriods() {
        Map<String, Object> context = TestConfigs.defectsOnly();
        TestConfigs.model(context, "defects").put("idleStopMinutes", 7);

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME, "EvaluationPeriods", 2));
    }

    @Test
    void coversADayAtMostWhichIsCloudWatchsLimit() {
        Map<String, Object> context = TestConfigs.defectsOnly();
        TestConfigs.model(context, "defects").put("idleStopMinutes", 1440);

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ALARM_NAME, "EvaluationPeriods", 288));
    }

    @Test
    void failsWhenTheModelRunsInAnotherRegionThanTheStack() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> TestStacks.stack(TestConfigs.example(), "us-east-1"));

        assertEquals(1, error.problems().size());
        assertTrue(error.problems().get(0).startsWith("models.defects.idleStopMinutes: the model runs in eu-west-1 "
                + "but the stack deploys to us-east-1"), error.getMessage());
    }

    @Test
    void failsWhenTheStackRegionIsUnknownAtSynth() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> TestStacks.stack(TestConfigs.example(), null));

        assertTrue(error.problems().get(0).contains("set \"region\": \"eu-west-1\" in the cdk.json context"),
                error.getMessage());
    }

    @Test
    void needsNoRegionMatchForModelsWithoutIdleStop() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.model(context, "defects").remove("idleStopMinutes");

        Template inUsEast1 = Template.fromStack(TestStacks.stack(context, "us-east-1"));

        inUsEast1.resourcePropertiesCountIs("AWS::CloudWatch::Alarm",
                Map.of("AlarmName", Match.stringLikeRegexp("-idle$")), 0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> metrics() {
        Capture metrics = new Capture();
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", ALARM_NAME, "Metrics", metrics));
        return (List<Map<String, Object>>) (List<?>) metrics.asArray();
    }
}
