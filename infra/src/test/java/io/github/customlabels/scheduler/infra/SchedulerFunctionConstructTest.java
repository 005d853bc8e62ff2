package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.ConstructStacks.arnOf;
import static io.github.customlabels.scheduler.infra.ConstructStacks.logicalId;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import io.github.customlabels.scheduler.infra.config.FunctionOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

/** The function built alone from its props: its runtime and sizing from FunctionOptions, its alias and log group. */
class SchedulerFunctionConstructTest {

    private record Built(Template template, SchedulerFunction function, Queue deadLetters) {
    }

    private static Built build(FunctionOptions options) {
        Stack stack = ConstructStacks.stack();
        Queue deadLetters = ConstructStacks.queue(stack, "DeadLetters");
        DeploymentConfig config = DeploymentConfig.parse(TestConfigs.defectsOnly());
        SchedulerFunction function = new SchedulerFunction(stack, "SchedulerFunction", new SchedulerFunction.Props(
                TestStacks.functionPackage(), config.functionConfig(Map.of()), List.copyOf(config.models().values()),
                options, deadLetters));
        return new Built(Template.fromStack(stack), function, deadLetters);
    }

    @Test
    void runsJavaOnArmSizedAsGiven() {
        Built built = build(new FunctionOptions(512, 45, 14, true, null));

        built.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", SchedulerFunction.HANDLER,
                "MemorySize", 512,
                "Timeout", 45,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "ReservedConcurrentExecutions", Match.absent(),
                "Environment", Map.of("Variables", Map.of("JAVA_TOOL_OPTIONS", SchedulerFunction.JAVA_TOOL_OPTIONS)),
                "LoggingConfig", Map.of("LogFormat", "JSON", "ApplicationLogLevel", "INFO", "SystemLogLevel", "WARN",
                        "LogGroup", Map.of("Ref", logicalId(built.function().getNode().findChild("Logs"))))));
    }

    @Test
    void followsChangedOptions() {
        Built built = build(new FunctionOptions(2048, 120, 90, false, 3));

        built.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "MemorySize", 2048,
                "Timeout", 120,
                "SnapStart", Match.absent(),
                "ReservedConcurrentExecutions", 3));
        built.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
    }

    @Test
    void keepsItsLogsForTheGivenRetention() {
        Built built = build(new FunctionOptions(512, 45, 14, true, null));

        built.template().resourceCountIs("AWS::Logs::LogGroup", 1);
        built.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 14));
    }

    @Test
    void publishesTheLiveAliasWhoseFailuresGoToTheGivenQueue() {
        Built built = build(new FunctionOptions(512, 45, 14, true, null));
        Template template = built.template();

        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionName", Map.of("Ref", logicalId(built.function().function())),
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(template.getResourceId("AWS::Lambda::Version"),
                        "Version"))));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", logicalId(built.function().function())),
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 3600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", arnOf(built.deadLetters())))));
    }

    @Test
    void writesToItsOwnLogGroupOnly() {
        Built built = build(new FunctionOptions(512, 45, 14, true, null));
        String logs = logicalId(built.function().getNode().findChild("Logs"));

        built.template().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", logicalId(built.function().role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "WriteOwnLogGroup",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", Match.arrayWith(List.of(
                                Map.of("Fn::GetAtt", List.of(logs, "Arn")))))))))));
    }
}
