package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Idle auto-stop: an alarm per model with idleStopMinutes that invokes the alias when DetectCustomLabels goes quiet. */
class IdleStopAlarmsTest {

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void alarmsWhenNoDetectCustomLabelsRequestArrivesForTheIdleTime() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "CustomLabelsScheduler-defects-idle",
                "Namespace", "AWS/Rekognition",
                "MetricName", "SuccessfulRequestCount",
                "Dimensions", List.of(Map.of("Name", "Operation", "Value", "DetectCustomLabels")),
                "Statistic", "Sum",
                "Period", 300,
                "EvaluationPeriods", 12,
                "Threshold", 1,
                "ComparisonOperator", "LessThanThreshold",
                "TreatMissingData", "breaching"));
    }

    @Test
    void createsAlarmsOnlyForModelsWithIdleStop() {
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Rekognition"), 1);
    }

    @Test
    void invokesTheLiveAliasFromTheAlarm() {
        String alarm = template.getResourceId("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "AlarmName", "CustomLabelsScheduler-defects-idle")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "CustomLabelsScheduler-defects-idle",
                "AlarmActions", List.of(Map.of("Ref", SchedulerFunctionTest.aliasId()))));
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
                "AlarmName", "CustomLabelsScheduler-defects-idle", "EvaluationPeriods", 2));
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
                Map.of("Namespace", Match.exact("AWS/Rekognition")), 0);
    }
}
