package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_PROJECT;
import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.LOGOS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.list;
import static io.github.customlabels.scheduler.infra.TestConfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ConfiguredSchedule;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The function, its alias, and the configuration document packaged with it. */
class SchedulerFunctionTest {

    private static Template template;
    private static SchedulerStack stack;

    @BeforeAll
    static void synthesizeExample() {
        example();
    }

    /** The example's template, also for other tests that need its logical ids, whichever test class runs first. */
    static synchronized Template example() {
        if (template == null) {
            template = Template.fromStack(stack());
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
    void packagesEveryConfiguredModelForTheFunctionToReadAtInit() {
        SchedulerConfig read = PackagedConfiguration.read(stack());

        assertEquals(List.of("defects", "logos"), read.models().all().stream().map(ModelConfig::name).toList());
        assertEquals(new ModelConfig("defects", ProjectVersionArn.parse(DEFECTS_VERSION).orElseThrow(),
                Optional.of(DEFECTS_PROJECT), 1, 2L, 4), read.models().byName("defects").orElseThrow());
        assertEquals(new ModelConfig("logos", ProjectVersionArn.parse(LOGOS_VERSION).orElseThrow(),
                Optional.empty(), 1, null, 1), read.models().byName("logos").orElseThrow());
    }

    @Test
    void packagesTheSchedulesSoAModelsStatusShowsItsNextActions() {
        SchedulerConfig read = PackagedConfiguration.read(stack());

        assertEquals(List.of("weekday-warm-up", "weekday-cool-down", "keep-running"),
                read.schedules().stream().map(ConfiguredSchedule::name).toList());
        ConfiguredSchedule coolDown = read.schedules().get(1);
        assertEquals("0 19 ? * MON-FRI *", coolDown.cron().expression());
        assertEquals(ZoneId.of("Europe/Berlin"), coolDown.timezone());
        assertEquals(Action.STOP, coolDown.action());
        assertEquals(List.of("defects", "logos"), coolDown.models());
    }

    @Test
    void packagesTheOverrideBoundFourteenDaysUnlessConfigured() {
        Map<String, Object> context = TestConfigs.example();
        context.put("overrides", map("maxDays", 3));

        assertEquals(Duration.ofDays(14), PackagedConfiguration.read(stack()).maxOverride());
        assertEquals(Duration.ofDays(3), PackagedConfiguration.read(TestStacks.stack(context)).maxOverride());
    }

    @Test
    void leavesTheDefaultCommandToTheFunctionUnlessConfigured() {
        assertEquals(Optional.empty(), PackagedConfiguration.read(stack()).defaultCommand());
    }

    @Test
    void packagesTheConfiguredDefaultCommand() {
        Map<String, Object> context = TestConfigs.example();
        context.put("defaultCommand", map("action", "start", "models", list("defects"), "minInferenceUnits", 2));

        SchedulerConfig read = PackagedConfiguration.read(TestStacks.stack(context));

        assertEquals(Map.of("action", "start", "models", List.of("defects"), "minInferenceUnits", 2L),
                JsonReader.readObject(read.defaultCommand().orElseThrow()));
    }

    @Test
    void mapsEachIdleStopAlarmToItsModel() {
        assertEquals(Map.of("CustomLabelsScheduler-defects-idle", List.of("defects")),
                PackagedConfiguration.read(stack()).idleStopAlarms());
    }

    @Test
    void packagesAnEmptyAlarmMapWhenNoModelStopsWhenIdle() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.model(context, "defects").remove("idleStopMinutes");

        assertEquals(Map.of(), PackagedConfiguration.read(TestStacks.stack(context)).idleStopAlarms());
    }

    @Test
    void keepsTheJarsEntriesBesideTheDocument() throws IOException {
        try (ZipFile zip = new ZipFile(PackagedConfiguration.packageOf(stack()).toFile())) {
            assertEquals(List.of("placeholder.txt", SchedulerConfig.RESOURCE),
                    zip.stream().map(ZipEntry::getName).toList());
        }
    }

    @Test
    void packagesTheSameConfigurationIntoTheSameAssetSoNoNewVersionIsPublished() {
        Capture first = new Capture();
        Capture second = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Code", Map.of("S3Key", first)));
        TestStacks.template(TestConfigs.example()).hasResourceProperties("AWS::Lambda::Function",
                Map.of("Code", Map.of("S3Key", second)));
        Map<String, Object> changed = TestConfigs.example();
        TestConfigs.model(changed, "logos").put("minInferenceUnits", 2);
        Capture third = new Capture();
        TestStacks.template(changed).hasResourceProperties("AWS::Lambda::Function",
                Map.of("Code", Map.of("S3Key", third)));

        assertEquals(first.asString(), second.asString());
        assertNotEquals(first.asString(), third.asString());
    }

    @Test
    void setsOnlyTheJvmOptionsInTheEnvironment() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Map.of(
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))));
    }

    @Test
    void publishesApiUrlFunctionAliasDeadLetterQueueDashboardAndVerificationRoleOutputs() {
        template.hasOutput("ApiUrl", Map.of("Value", Map.of("Fn::Join", Match.anyValue())));
        template.hasOutput("FunctionName", Map.of("Value", Map.of("Ref", functionId())));
        template.hasOutput("FunctionAliasArn", Map.of("Value", Map.of("Ref", aliasId())));
        template.hasOutput("ScheduleDeadLetterQueueUrl", Map.of("Value", Map.of("Ref", deadLetterQueueId())));
        template.hasOutput("DashboardUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/",
                Map.of("Ref", example().getResourceId("AWS::CloudWatch::Dashboard")))))));
        template.hasOutput("VerificationSchedulerRoleArn", Map.of("Value", Map.of("Fn::GetAtt", Match.anyValue())));
        assertEquals(6, template.findOutputs("*").size());
    }

    private static synchronized SchedulerStack stack() {
        if (stack == null) {
            stack = TestStacks.stack(TestConfigs.example());
        }
        return stack;
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
