package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A real team's deployment: 100 models in 4 regions, 400 schedules, idle stop on every model in the stack's region.
 * It synthesizes within CloudFormation's, IAM's, Lambda's and EventBridge Scheduler's limits, and the function
 * reads back exactly what was configured.
 */
class TeamScaleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> context;
    private static SchedulerStack stack;
    private static Template template;
    private static Template schedules;
    private static Path assembly;

    @BeforeAll
    static void synthesizeATeamsDeployment() {
        context = TeamConfigs.team(100, 400);
        stack = TestStacks.stack(context);
        SchedulerApp.checkAwsSolutions(stack);
        assembly = Path.of(((App) stack.getNode().getRoot()).synth().getDirectory());
        template = Template.fromStack(stack);
        schedules = Template.fromStack(stack.schedulesStack());
    }

    @Test
    void passesCdkNagWithoutAnyFinding() {
        Annotations annotations = Annotations.fromStack(stack);

        assertEquals(List.of(), annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertEquals(List.of(), annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    }

    @Test
    void keepsEveryStackWithinFiveHundredResources() {
        schedules.resourceCountIs("AWS::Scheduler::Schedule", 400);
        assertTrue(template.toJSON().get("Resources") instanceof Map<?, ?> resources && resources.size() <= 500);
        assertTrue(((Map<?, ?>) schedules.toJSON().get("Resources")).size() <= 500);
        assertTrue(StackLimits.resources(stack) <= StackLimits.MAX_RESOURCES);
        assertTrue(StackLimits.resources(stack.schedulesStack()) <= StackLimits.MAX_RESOURCES);
    }

    @Test
    void keepsEveryTemplateUnderOneMegabyte() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(assembly)) {
            templates = files.filter(file -> file.toString().endsWith(".template.json")).toList();
        }

        assertEquals(2, templates.size(), templates::toString);
        for (Path file : templates) {
            assertTrue(Files.size(file) < StackLimits.MAX_TEMPLATE_BYTES, file + ": " + Files.size(file));
        }
        assertEquals(List.of(), StackLimits.templateProblems(assembly));
    }

    @Test
    void keepsTheFunctionsEnvironmentFarBelowFourKilobytes() {
        Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) properties(only(template, "AWS::Lambda::Function"))
                .get("Environment")).get("Variables");
        int bytes = variables.entrySet().stream()
                .mapToInt(entry -> utf8(entry.getKey().toString()) + utf8(entry.getValue().toString())).sum();

        // The configuration is in the package; what is left are the ARNs of verified starts (its role, the
        // dead-letter queue, the alarm topic), which CloudFormation only knows at deploy.
        assertTrue(bytes < 1024, variables::toString);
    }

    @Test
    void keepsTheRolesPoliciesWithinIamsSizes() throws JsonProcessingException {
        Map<String, Map<String, Object>> inline = template.findResources("AWS::IAM::Policy", Map.of("Properties",
                Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", functionRole()))))));
        Map<String, Map<String, Object>> managed = template.findResources("AWS::IAM::ManagedPolicy", Map.of(
                "Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", functionRole()))))));

        int inlineCharacters = 0;
        for (Map<String, Object> policy : inline.values()) {
            inlineCharacters += characters(properties(policy).get("PolicyDocument"));
        }
        assertTrue(inlineCharacters <= 10_240, "inline: " + inlineCharacters);
        for (Map<String, Object> policy : managed.values()) {
            int characters = characters(properties(policy).get("PolicyDocument"));
            assertTrue(characters <= 6_144, "managed: " + characters);
        }
        assertTrue(managed.size() <= 10, "managed policies: " + managed.size());
    }

    @Test
    void startsAndStopsExactlyTheConfiguredVersions() {
        Set<String> granted = RekognitionPermissionsTest.statements(template).stream()
                .filter(statement -> RekognitionPermissionsTest.actions(statement)
                        .contains("rekognition:StartProjectVersion"))
                .flatMap(statement -> RekognitionPermissionsTest.resources(statement).stream())
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(TestConfigs.models(context).keySet().stream()
                .map(name -> (String) TestConfigs.model(context, name).get("projectVersionArn"))
                .collect(Collectors.toCollection(TreeSet::new)), granted);
    }

    @Test
    void letsEachIdleStopAlarmInvokeTheAliasForItselfOnly() {
        List<String> idle = TeamConfigs.inStackRegion(context);
        assertEquals(25, idle.size());
        for (String model : idle) {
            String alarm = template.getResourceId("AWS::CloudWatch::Alarm", Map.of("Properties", Match.objectLike(
                    Map.of("AlarmName", IdleStopAlarms.alarmName(SchedulerApp.STACK_NAME, model)))));
            template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction",
                    "Principal", IdleStopAlarms.ALARM_PRINCIPAL,
                    "FunctionName", Map.of("Ref", SchedulerFunctionTest.aliasId()),
                    "SourceAccount", TestStacks.ACCOUNT,
                    "SourceArn", Map.of("Fn::GetAtt", List.of(alarm, "Arn"))), 1);
        }
        template.resourcePropertiesCountIs("AWS::Lambda::Permission",
                Map.of("Principal", IdleStopAlarms.ALARM_PRINCIPAL), 25);
    }

    @Test
    void packagesAllHundredModelsAndTheIdleStopAlarmsForTheFunction() {
        SchedulerConfig read = PackagedConfiguration.read(stack);
        DeploymentConfig configured = DeploymentConfig.parse(context);

        assertEquals(configured.models().values().stream().map(model -> model.function()).toList(),
                read.models().all());
        assertEquals(IdleStopAlarms.alarmsByName(SchedulerApp.STACK_NAME, configured.idleStopModels()),
                read.idleStopAlarms());
    }

    @Test
    void refusesMoreSchedulesThanOneStackHoldsNamingHowManyFit() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> TestStacks.stack(TeamConfigs.team(10, 520)));

        assertEquals(1, error.problems().size(), error.getMessage());
        assertTrue(error.problems().get(0).startsWith("schedules: 520 schedules need 524 resources in the nested "
                + "stack that holds them, above CloudFormation's 500 per stack; combine schedules with the same cron "
                + "and timezone into one"), error.getMessage());
        assertTrue(error.problems().get(0).endsWith("to at most 496"), error.getMessage());
    }

    @Test
    void coversManyIdleStopAlarmsWithOnePermissionOnceTheirsWouldOverflowTheAliasPolicy() {
        Map<String, Object> many = TeamConfigs.team(240, 3);

        Template manyIdle = Template.fromStack(TestStacks.stack(many));

        manyIdle.resourcePropertiesCountIs("AWS::CloudWatch::Alarm",
                Map.of("AlarmName", Match.stringLikeRegexp("-idle$")), 60);
        manyIdle.resourcePropertiesCountIs("AWS::Lambda::Permission",
                Map.of("Principal", IdleStopAlarms.ALARM_PRINCIPAL), 1);
        manyIdle.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", IdleStopAlarms.ALARM_PRINCIPAL,
                "FunctionName", Map.of("Ref", manyIdle.getResourceId("AWS::Lambda::Alias")),
                "SourceAccount", TestStacks.ACCOUNT,
                "SourceArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:CustomLabelsScheduler-*-idle"));
    }

    private static String functionRole() {
        return RekognitionPermissionsTest.functionRoleId(template);
    }

    /** IAM counts a policy's characters without whitespace: its compact JSON, references unresolved. */
    private static int characters(Object document) throws JsonProcessingException {
        return JSON.writeValueAsString(document).length();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Map<String, Object> only(Template template, String type) {
        Map<String, Map<String, Object>> resources = template.findResources(type);
        assertEquals(1, resources.size());
        return resources.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
