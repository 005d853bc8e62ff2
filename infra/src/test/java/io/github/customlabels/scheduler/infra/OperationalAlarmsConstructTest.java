package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.ConstructStacks.logicalId;
import static io.github.customlabels.scheduler.infra.ConstructStacks.refTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.infra.config.AlarmOptions;
import io.github.customlabels.scheduler.infra.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.lambda.Function;

/**
 * The operational alarms built alone: errors and throttles of the given function, the given dead-letter alarm, and
 * the notification {@link AlarmOptions} asks for.
 */
class OperationalAlarmsConstructTest {

    private static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops-alerts";
    private static final AlarmOptions NOBODY = new AlarmOptions(null, null);

    /** One construct in a stack of its own, with the stand-ins it is given. */
    private record Built(Template template, Function function, Alarm deadLetterAlarm, OperationalAlarms alarms) {
    }

    private static Built build(AlarmOptions options) {
        return build(ConstructStacks.stack(), options);
    }

    private static Built build(Stack stack, AlarmOptions options) {
        Function function = ConstructStacks.function(stack, "Target");
        Alarm deadLetters = ConstructStacks.alarm(stack, "DeadLetters");
        OperationalAlarms alarms = new OperationalAlarms(stack, "OperationalAlarms",
                new OperationalAlarms.Props(function, deadLetters, options));
        return new Built(Template.fromStack(stack), function, deadLetters, alarms);
    }

    @Test
    void alarmsOnAnyErrorOfTheGivenFunctionInFiveMinutes() {
        Built built = build(NOBODY);

        built.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Test-function-errors",
                "Namespace", "AWS/Lambda",
                "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", refTo(built.function()))),
                "Statistic", "Sum",
                "Period", 300,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void alarmsOnAnyThrottleOfTheGivenFunctionInFiveMinutes() {
        Built built = build(NOBODY);

        built.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Test-function-throttles",
                "Namespace", "AWS/Lambda",
                "MetricName", "Throttles",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", refTo(built.function()))),
                "Statistic", "Sum",
                "Period", 300,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void countsTheGivenDeadLetterAlarmAmongItsAlarms() {
        Built built = build(NOBODY);

        // the two of the function, and the stand-in dead-letter alarm: no alarm of its own for dead letters
        built.template().resourceCountIs("AWS::CloudWatch::Alarm", 3);
        assertEquals(3, built.alarms().alarms().size());
        assertTrue(built.alarms().alarms().contains(built.deadLetterAlarm()));
    }

    @Test
    void notifiesNobodyWithoutAlarmsConfiguration() {
        Built built = build(NOBODY);

        built.template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", Match.absent())));
        built.template().resourceCountIs("AWS::SNS::Topic", 0);
        assertTrue(built.alarms().topic().isEmpty());
    }

    @Test
    void notifiesTheGivenTopicFromEveryAlarmIncludingTheDeadLetterOne() {
        Built built = build(new AlarmOptions(OPS_TOPIC, null));

        built.template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(OPS_TOPIC))));
        built.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "Stand-in", "AlarmActions", List.of(OPS_TOPIC)));
        built.template().resourceCountIs("AWS::SNS::Topic", 0);
        built.template().resourceCountIs("AWS::SNS::TopicPolicy", 0);
        built.template().resourceCountIs("AWS::KMS::Key", 0);
        assertEquals(OPS_TOPIC, built.alarms().topic().orElseThrow().getTopicArn());
    }

    @Test
    void createsATopicWithTheGivenEmailSubscribedForEveryAlarm() {
        Built built = build(new AlarmOptions(null, "ops@example.com"));
        Template template = built.template();
        String topic = template.getResourceId("AWS::SNS::Topic");

        template.resourceCountIs("AWS::SNS::Subscription", 1);
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", "ops@example.com",
                "TopicArn", Map.of("Ref", topic)));
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("DisplayName", "Test alarms"));
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", topic)))));
    }

    @Test
    void encryptsItsTopicWithARotatedKeyCloudWatchAlarmsMayUse() {
        Template template = build(new AlarmOptions(null, "ops@example.com")).template();
        String key = template.getResourceId("AWS::KMS::Key");

        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        template.hasResource("AWS::KMS::Key", Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of(
                        "EnableKeyRotation", true,
                        "PendingWindowInDays", 7,
                        "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Sid", "AllowCloudWatchAlarmsToUseTheKey",
                                "Effect", "Allow",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))))));
    }

    @Test
    void letsOnlyTheStacksAlarmsPublishToItsTopicAndOnlyOverTls() {
        Template template = build(ConstructStacks.stack("Other", TestStacks.REGION),
                new AlarmOptions(null, "ops@example.com")).template();
        String topic = template.getResourceId("AWS::SNS::Topic");

        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", topic)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Effect", "Deny",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of(
                                "Sid", "AllowThisStacksAlarmsToPublish",
                                "Effect", "Allow",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", "sns:Publish",
                                "Resource", Map.of("Ref", topic),
                                "Condition", Map.of(
                                        "StringEquals", Map.of("aws:SourceAccount", TestStacks.ACCOUNT),
                                        "ArnLike", Map.of("aws:SourceArn",
                                                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Other-*")))))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "Other-function-errors"));
    }

    @Test
    void refusesATopicInAnotherRegionThanTheStack() {
        Stack stack = ConstructStacks.stack();
        AlarmOptions usEast1 = new AlarmOptions("arn:aws:sns:us-east-1:123456789012:ops-alerts", null);

        ConfigException error = assertThrows(ConfigException.class, () -> build(stack, usEast1));

        assertEquals(List.of("alarms.topicArn: the topic is in us-east-1 but the stack deploys to eu-west-1, and a "
                + "CloudWatch alarm can only notify a topic in its own region; give a topic in eu-west-1, or use "
                + "alarms.email to have the stack create one"), error.problems());
    }

    @Test
    void leavesTheDeadLetterAlarmWhereItWasDefined() {
        Built built = build(NOBODY);

        assertEquals(logicalId(built.deadLetterAlarm()), built.template().getResourceId("AWS::CloudWatch::Alarm",
                Map.of("Properties", Match.objectLike(Map.of("MetricName", "Stand-in")))));
    }
}
