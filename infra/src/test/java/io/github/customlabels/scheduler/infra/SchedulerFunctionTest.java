package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_PROJECT;
import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.LOGOS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.list;
import static io.github.customlabels.scheduler.infra.TestConfigs.map;
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

/** The function, its alias and the environment it reads its configuration from. */
class SchedulerFunctionTest {

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        example();
    }

    /** The example's template, also for other tests that need its logical ids, whichever test class runs first. */
    static synchronized Template example() {
        if (template == null) {
            template = TestStacks.template(TestConfigs.example());
        }
        return template;
    }

    @Test
    void runsTheHandlerOnJava25WithDefaultMemoryAndTimeout() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Handler", "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest",
                "Architectures", List.of("arm64"),
                "MemorySize", 1024,
                "Timeout", 60));
    }

    @Test
    void takesMemoryTimeoutAndConcurrencyFromConfiguration() {
        Map<String, Object> context = TestConfigs.example();
        context.put("function", map("memorySize", 2048, "timeoutSeconds", 25, "reservedConcurrency", 3));

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "MemorySize", 2048, "Timeout", 25, "ReservedConcurrentExecutions", 3));
    }

    @Test
    void enablesSnapStartOnPublishedVersions() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void leavesSnapStartOffWhenDisabled() {
        Map<String, Object> context = TestConfigs.example();
        context.put("function", map("snapStart", false));

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::Lambda::Function", Map.of("SnapStart", Match.absent()));
    }

    @Test
    void logsJsonToItsOwnLogGroupWithRetention() {
        Capture logGroup = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "LoggingConfig", Map.of(
                        "LogFormat", "JSON",
                        "ApplicationLogLevel", "INFO",
                        "SystemLogLevel", "WARN",
                        "LogGroup", Map.of("Ref", logGroup))));

        Map<String, Object> logGroupResource = template.findResources("AWS::Logs::LogGroup").get(logGroup.asString());
        assertEquals(Map.of("RetentionInDays", 30), logGroupResource.get("Properties"));
    }

    @Test
    void publishesTheCurrentVersionBehindTheLiveAlias() {
        template.resourceCountIs("AWS::Lambda::Version", 1);
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(versionId(), "Version"))));
    }

    @Test
    void sendsFailedAsynchronousInvocationsToTheDeadLetterQueue() {
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 3600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                        Map.of("Fn::GetAtt", List.of(deadLetterQueueId(), "Arn"))))));
    }

    @Test
    void describesEveryConfiguredModelInModels() {
        Map<String, Object> models = JsonReader.readObject(environment("MODELS"));

        assertEquals(List.of("defects", "logos"), List.copyOf(models.keySet()));
        assertEquals(Map.of(
                "projectVersionArn", DEFECTS_VERSION,
                "projectArn", DEFECTS_PROJECT,
                "minInferenceUnits", 1L,
                "maxInferenceUnits", 2L,
                "inferenceUnitCeiling", 4L), models.get("defects"));
        assertEquals(Map.of(
                "projectVersionArn", LOGOS_VERSION,
                "minInferenceUnits", 1L,
                "inferenceUnitCeiling", 1L), models.get("logos"));
    }

    @Test
    void writesEnvironmentJsonWithoutWhitespace() {
        assertTrue(environment("MODELS").startsWith("{\"defects\":{\"projectVersionArn\":\""));
        assertEquals("{\"action\":\"start\",\"models\":[\"defects\",\"logos\"]}", environment("DEFAULT_COMMAND"));
    }

    @Test
    void defaultsTheDefaultCommandToStartingEveryModel() {
        assertEquals(Map.of("action", "start", "models", List.of("defects", "logos")),
                JsonReader.readObject(environment("DEFAULT_COMMAND")));
    }

    @Test
    void takesTheDefaultCommandFromConfiguration() {
        Map<String, Object> context = TestConfigs.example();
        context.put("defaultCommand", map("action", "start", "models", list("defects"), "minInferenceUnits", 2));

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("DEFAULT_COMMAND",
                        "{\"action\":\"start\",\"models\":[\"defects\"],\"minInferenceUnits\":2}")))));
    }

    @Test
    void mapsEachIdleStopAlarmToItsModel() {
        assertEquals(Map.of("CustomLabelsScheduler-defects-idle", List.of("defects")),
                JsonReader.readObject(environment("IDLE_STOP_ALARMS")));
    }

    @Test
    void passesAnEmptyAlarmMapWhenNoModelStopsWhenIdle() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.model(context, "defects").remove("idleStopMinutes");

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("IDLE_STOP_ALARMS", "{}")))));
    }

    @Test
    void stopsTieredCompilationEarlyForAFasterColdStart() {
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", environment("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void failsWhenTheEnvironmentWouldExceedLambdasLimit() {
        Map<String, Object> context = TestConfigs.defectsOnly();
        for (int i = 0; i < 30; i++) {
            TestConfigs.models(context).put("model-with-a-rather-long-name-" + i, map(
                    "projectVersionArn", DEFECTS_VERSION.replace("defects.2026-11-01", "v" + i)));
        }

        ConfigException error = assertThrows(ConfigException.class, () -> TestStacks.stack(context));

        assertTrue(error.getMessage().contains("models: the function's environment would be"), error.getMessage());
        assertTrue(error.getMessage().contains("4 KB"), error.getMessage());
    }

    @Test
    void publishesApiUrlFunctionAliasDeadLetterQueueAndDashboardOutputs() {
        template.hasOutput("ApiUrl", Map.of("Value", Map.of("Fn::Join", Match.anyValue())));
        template.hasOutput("FunctionName", Map.of("Value", Map.of("Ref", functionId())));
        template.hasOutput("FunctionAliasArn", Map.of("Value", Map.of("Ref", aliasId())));
        template.hasOutput("ScheduleDeadLetterQueueUrl", Map.of("Value", Map.of("Ref", deadLetterQueueId())));
        template.hasOutput("DashboardUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/",
                Map.of("Ref", example().getResourceId("AWS::CloudWatch::Dashboard")))))));
        assertEquals(5, template.findOutputs("*").size());
    }

    private static String environment(String name) {
        Capture value = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of(name, value)))));
        return value.asString();
    }

    static String functionId() {
        return example().getResourceId("AWS::Lambda::Function");
    }

    static String versionId() {
        return example().getResourceId("AWS::Lambda::Version");
    }

    static String aliasId() {
        return example().getResourceId("AWS::Lambda::Alias");
    }

    static String functionLogGroupId() {
        Capture logGroup = new Capture();
        example().hasResourceProperties("AWS::Lambda::Function", Map.of("LoggingConfig", Match.objectLike(Map.of(
                "LogGroup", Map.of("Ref", logGroup)))));
        return logGroup.asString();
    }

    static String deadLetterQueueId() {
        return example().getResourceId("AWS::SQS::Queue");
    }
}
