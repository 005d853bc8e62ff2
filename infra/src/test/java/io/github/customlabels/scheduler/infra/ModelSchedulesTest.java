package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.infra.config.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The EventBridge Scheduler schedules: one per configured schedule, each sending its command to the alias. */
class ModelSchedulesTest {

    private static Template template;
    private static Template schedules;

    @BeforeAll
    static void synthesizeExample() {
        SchedulerStack stack = TestStacks.stack(TestConfigs.example());
        template = Template.fromStack(stack);
        schedules = Template.fromStack(stack.schedulesStack());
    }

    @Test
    void createsOneScheduleInTheStacksGroupPerConfiguredSchedule() {
        schedules.resourceCountIs("AWS::Scheduler::Schedule", 3);
        schedules.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "CustomLabelsScheduler-schedules"));
        schedules.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "GroupName", "CustomLabelsScheduler-schedules")));
    }

    @Test
    void firesAtTheConfiguredLocalTimeInItsTimeZone() {
        schedules.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "weekday-warm-up",
                "ScheduleExpression", "cron(0 7 ? * MON-FRI *)",
                "ScheduleExpressionTimezone", "Europe/Berlin",
                "FlexibleTimeWindow", Map.of("Mode", "OFF")));
        schedules.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "keep-running",
                "ScheduleExpression", "cron(0/30 8-18 ? * MON-FRI *)"));
    }

    @Test
    void keepsADayOfMonthCronAsWritten() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.schedule(context, 0).put("cron", "15 6 1 * ? *");

        Template custom = Template.fromStack(TestStacks.stack(context).schedulesStack());

        custom.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "weekday-warm-up", "ScheduleExpression", "cron(15 6 1 * ? *)"));
    }

    @Test
    void sendsTheScheduledCommandAsInput() {
        // Each input names its schedule: the marker by which the function lets a person's override skip it.
        assertEquals(Map.of("action", "start", "models", List.of("defects", "logos"), "schedule", "weekday-warm-up"),
                input("weekday-warm-up"));
        assertEquals(Map.of("action", "stop", "models", List.of("defects", "logos"), "schedule", "weekday-cool-down"),
                input("weekday-cool-down"));
        assertEquals(Map.of("action", "start", "models", List.of("defects"),
                "minInferenceUnits", 2L, "maxInferenceUnits", 4L, "schedule", "keep-running"), input("keep-running"));
    }

    @Test
    void invokesTheLiveAliasThatTheParentStackPassesIn() {
        Capture aliasParameter = new Capture();
        schedules.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasParameter))))));
        schedules.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", aliasParameter.asString()))))));
        schedules.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Effect", "Allow",
                        "Resource", Map.of("Ref", aliasParameter.asString())))))));
        template.hasResourceProperties("AWS::CloudFormation::Stack", Map.of("Parameters", Match.objectLike(Map.of(
                aliasParameter.asString(), Map.of("Ref", SchedulerFunctionTest.aliasId())))));
    }

    @Test
    void generatesDescriptionsWithinEventBridgeSchedulersLimitAtTheLongestNames() {
        Map<String, Object> context = TestConfigs.defectsOnly();
        List<Object> names = new ArrayList<>();
        for (int i = 0; i < CommandShape.MAX_MODELS; i++) {
            String name = String.format("%02d", i) + "-" + "m".repeat(61);
            TestConfigs.models(context).put(name, TestConfigs.map("projectVersionArn",
                    TestConfigs.DEFECTS_VERSION.replace("/1761955200000", "/" + i)));
            names.add(name);
        }
        context.put("schedules", TestConfigs.list(TestConfigs.map("name", "s".repeat(64),
                "cron", "0/30 8-18 ? * MON-FRI *", "timezone", "America/Argentina/ComodRivadavia", "action", "start",
                "models", names, "minInferenceUnits", 1, "maxInferenceUnits", 1)));

        Capture description = new Capture();
        Template.fromStack(TestStacks.stack(context).schedulesStack()).hasResourceProperties(
                "AWS::Scheduler::Schedule", Map.of("Description", description));

        assertTrue(description.asString().length() <= 512, description.asString());
        assertTrue(description.asString().startsWith("start 50 models (00-mmm"), description.asString());
        assertTrue(description.asString().endsWith(" more) (1..1 units) at cron(0/30 8-18 ? * MON-FRI *) "
                + "America/Argentina/ComodRivadavia"), description.asString());
    }

    @Test
    void retriesForAnHourThenDeadLetters() {
        Capture queueParameter = new Capture();
        schedules.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of("DeadLetterConfig", Map.of("Arn", Map.of("Ref", queueParameter)))))));
        schedules.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 3600),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Ref", queueParameter.asString())))))));
        template.hasResourceProperties("AWS::CloudFormation::Stack", Map.of("Parameters", Match.objectLike(Map.of(
                queueParameter.asString(), Map.of("Fn::GetAtt",
                        List.of(SchedulerFunctionTest.deadLetterQueueId(), "Arn"))))));
    }

    @Test
    void keepsDeadLettersEncryptedForFourteenDays() {
        template.resourceCountIs("AWS::SQS::Queue", 1);
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 1209600));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "sqs:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void explainsWhyTheDeadLetterQueueHasNoDeadLetterQueueOfItsOwn() {
        template.hasResource("AWS::SQS::Queue", Map.of(
                "Properties", Map.of(
                        "SqsManagedSseEnabled", true,
                        "MessageRetentionPeriod", 1209600,
                        "RedrivePolicy", Match.absent()),
                "Metadata", Match.objectLike(Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(Map.of(
                        "id", "AwsSolutions-SQS3",
                        "reason", Match.stringLikeRegexp("^This is the dead-letter queue"))))))));
    }

    @Test
    void alarmsWhenADeadLetterArrives() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "CustomLabelsScheduler-dead-letters",
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
    }

    @Test
    void createsNoScheduleGroupWithoutSchedules() {
        Template withoutSchedules = TestStacks.template(TestConfigs.defectsOnly());

        withoutSchedules.resourceCountIs("AWS::Scheduler::Schedule", 0);
        // Only the group of verified starts' one-time checks, which every deployment has.
        withoutSchedules.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        Template nested = Template.fromStack(TestStacks.stack(TestConfigs.defectsOnly()).schedulesStack());
        nested.resourceCountIs("AWS::Scheduler::Schedule", 0);
        nested.resourceCountIs("AWS::Scheduler::ScheduleGroup", 0);
    }

    private static Map<String, Object> input(String scheduleName) {
        Capture input = new Capture();
        schedules.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", scheduleName,
                "Target", Match.objectLike(Map.of("Input", input))));
        return JsonReader.readObject(input.asString());
    }
}
