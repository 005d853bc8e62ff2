package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @BeforeAll
    static void synthesizeExample() {
        template = TestStacks.template(TestConfigs.example());
    }

    @Test
    void createsOneScheduleInTheStacksGroupPerConfiguredSchedule() {
        template.resourceCountIs("AWS::Scheduler::Schedule", 3);
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "CustomLabelsScheduler"));
        template.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "GroupName", "CustomLabelsScheduler")));
    }

    @Test
    void firesAtTheConfiguredLocalTimeInItsTimeZone() {
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "weekday-warm-up",
                "ScheduleExpression", "cron(0 7 ? * MON-FRI *)",
                "ScheduleExpressionTimezone", "Europe/Berlin",
                "FlexibleTimeWindow", Map.of("Mode", "OFF")));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "keep-running",
                "ScheduleExpression", "cron(0/30 8-18 ? * MON-FRI *)"));
    }

    @Test
    void keepsADayOfMonthCronAsWritten() {
        Map<String, Object> context = TestConfigs.example();
        TestConfigs.schedule(context, 0).put("cron", "15 6 1 * ? *");

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "weekday-warm-up", "ScheduleExpression", "cron(15 6 1 * ? *)"));
    }

    @Test
    void sendsTheScheduledCommandAsInput() {
        assertEquals(Map.of("action", "start", "models", List.of("defects", "logos")), input("weekday-warm-up"));
        assertEquals(Map.of("action", "stop", "models", List.of("defects", "logos")), input("weekday-cool-down"));
        assertEquals(Map.of("action", "start", "models", List.of("defects"),
                "minInferenceUnits", 2L, "maxInferenceUnits", 4L), input("keep-running"));
    }

    @Test
    void invokesTheLiveAlias() {
        template.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", SchedulerFunctionTest.aliasId()))))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Effect", "Allow",
                        "Resource", Map.of("Ref", SchedulerFunctionTest.aliasId())))))));
    }

    @Test
    void retriesForAnHourThenDeadLetters() {
        template.allResourcesProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "Target", Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 3600),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                List.of(SchedulerFunctionTest.deadLetterQueueId(), "Arn"))))))));
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
        withoutSchedules.resourceCountIs("AWS::Scheduler::ScheduleGroup", 0);
    }

    private static Map<String, Object> input(String scheduleName) {
        Capture input = new Capture();
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", scheduleName,
                "Target", Match.objectLike(Map.of("Input", input))));
        return JsonReader.readObject(input.asString());
    }
}
