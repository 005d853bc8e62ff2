package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.ConstructStacks.arnOf;
import static io.github.customlabels.scheduler.infra.ConstructStacks.logicalId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.lambda.Function;

/** The idle-stop alarms built alone: one per given model, sized by its idleStopMinutes, invoking the given function. */
class IdleStopAlarmsConstructTest {

    private static final String GAUGES_VERSION = TestConfigs.DEFECTS_VERSION.replace("defects", "gauges");

    private static Function target;
    private static IdleStopAlarms idleStop;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = ConstructStacks.stack();
        target = ConstructStacks.function(stack, "Target");
        idleStop = new IdleStopAlarms(stack, "IdleStopAlarms", new IdleStopAlarms.Props(target,
                models(Map.of("defects", 60, "gauges", 7))));
        template = Template.fromStack(stack);
    }

    @Test
    void createsOneAlarmPerGivenModelNamedAfterTheStackAndModel() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 2);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "Test-defects-idle"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "Test-gauges-idle"));
        assertEquals(2, idleStop.alarms().size());
    }

    @Test
    void waitsTheModelsIdleTimeInWholeFiveMinutePeriods() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Test-defects-idle",
                "EvaluationPeriods", 12,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmDescription", Match.stringLikeRegexp("^Model defects has had inference units in service for "
                        + "60 minutes without a successful DetectCustomLabels request in eu-west-1")));
        // 7 minutes round up to two periods.
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Test-gauges-idle", "EvaluationPeriods", 2));
    }

    @Test
    void watchesEachModelsOwnUnitsAndTheRegionsRequests() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Test-gauges-idle",
                "Metrics", List.of(
                        Map.of("Id", Match.anyValue(),
                                "Expression", IdleStopAlarms.EXPRESSION,
                                "Label", "gauges running without DetectCustomLabels requests",
                                "ReturnData", true),
                        Map.of("Id", "units",
                                "MetricStat", Map.of(
                                        "Metric", Map.of(
                                                "Namespace", "AWS/Rekognition",
                                                "MetricName", "InServiceInferenceUnits",
                                                "Dimensions", List.of(
                                                        Map.of("Name", "ProjectName", "Value", "gauges"),
                                                        Map.of("Name", "VersionName", "Value", "gauges.2026-11-01"))),
                                        "Period", 300,
                                        "Stat", "Maximum"),
                                "ReturnData", false),
                        Map.of("Id", "requests",
                                "MetricStat", Map.of(
                                        "Metric", Map.of(
                                                "Namespace", "AWS/Rekognition",
                                                "MetricName", "SuccessfulRequestCount",
                                                "Dimensions", List.of(
                                                        Map.of("Name", "Operation", "Value", "DetectCustomLabels"))),
                                        "Period", 300,
                                        "Stat", "Sum"),
                                "ReturnData", false))));
    }

    @Test
    void invokesTheGivenFunctionFromEachAlarmAndNothingElse() {
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(arnOf(target)),
                "OKActions", Match.absent(),
                "InsufficientDataActions", Match.absent())));
    }

    @Test
    void allowsEachAlarmAloneToInvokeTheFunction() {
        template.resourceCountIs("AWS::Lambda::Permission", 2);
        for (Alarm alarm : idleStop.alarms()) {
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction",
                    "Principal", "lambda.alarms.cloudwatch.amazonaws.com",
                    "FunctionName", arnOf(target),
                    "SourceAccount", TestStacks.ACCOUNT,
                    "SourceArn", Map.of("Fn::GetAtt", List.of(logicalId(alarm), "Arn"))));
        }
    }

    @Test
    void allowsTheStacksIdleAlarmsByNameOnceTheirPermissionsWouldFillTheFunctionsPolicy() {
        Map<String, Integer> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put(String.format("m%02d-", i) + "x".repeat(58), 5);
        }
        Stack stack = ConstructStacks.stack();
        Function function = ConstructStacks.function(stack, "Target");
        new IdleStopAlarms(stack, "IdleStopAlarms", new IdleStopAlarms.Props(function, models(many)));
        Template custom = Template.fromStack(stack);

        custom.resourceCountIs("AWS::CloudWatch::Alarm", 40);
        custom.resourceCountIs("AWS::Lambda::Permission", 1);
        custom.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "lambda.alarms.cloudwatch.amazonaws.com",
                "FunctionName", arnOf(function),
                "SourceAccount", TestStacks.ACCOUNT,
                "SourceArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Test-*-idle"));
    }

    @Test
    void createsNothingWithoutModels() {
        Stack stack = ConstructStacks.stack();
        new IdleStopAlarms(stack, "IdleStopAlarms", new IdleStopAlarms.Props(
                ConstructStacks.function(stack, "Target"), List.of()));
        Template empty = Template.fromStack(stack);

        empty.resourceCountIs("AWS::CloudWatch::Alarm", 0);
        empty.resourceCountIs("AWS::Lambda::Permission", 0);
    }

    @Test
    void refusesAModelOfAnotherRegionThanTheStack() {
        Stack stack = ConstructStacks.stack("Test", "us-east-1");
        Function function = ConstructStacks.function(stack, "Target");
        List<ModelConfig> defects = models(Map.of("defects", 60));

        ConfigException error = assertThrows(ConfigException.class, () -> new IdleStopAlarms(stack, "IdleStopAlarms",
                new IdleStopAlarms.Props(function, defects)));

        assertEquals(List.of("models.defects.idleStopMinutes: the model runs in eu-west-1 but the stack deploys to "
                + "us-east-1, and a CloudWatch alarm only sees metrics of its own region; deploy the stack to "
                + "eu-west-1 (\"region\" in the cdk.json context) or remove idleStopMinutes"), error.problems());
    }

    @Test
    void refusesAStackWhoseRegionIsUnknownAtSynth() {
        Stack stack = new Stack(TestStacks.app(), "Test");
        Function function = ConstructStacks.function(stack, "Target");
        List<ModelConfig> defects = models(Map.of("defects", 60));

        ConfigException error = assertThrows(ConfigException.class, () -> new IdleStopAlarms(stack, "IdleStopAlarms",
                new IdleStopAlarms.Props(function, defects)));

        assertTrue(error.problems().get(0).endsWith("set \"region\": \"eu-west-1\" in the cdk.json context "
                + "(or AWS_REGION)"), error.getMessage());
    }

    /** Models of eu-west-1 with these idleStopMinutes, read by the configuration's parser as the stack reads them. */
    private static List<ModelConfig> models(Map<String, Integer> idleStopMinutes) {
        Map<String, Object> models = new LinkedHashMap<>();
        int version = 0;
        for (Map.Entry<String, Integer> model : new java.util.TreeMap<>(idleStopMinutes).entrySet()) {
            String arn = model.getKey().equals("gauges") ? GAUGES_VERSION
                    : TestConfigs.DEFECTS_VERSION.replace("/1761955200000", "/" + (1761955200000L + version++));
            models.put(model.getKey(), TestConfigs.map("projectVersionArn", arn,
                    "idleStopMinutes", model.getValue()));
        }
        return DeploymentConfig.parse(TestConfigs.map("models", models)).idleStopModels();
    }
}
