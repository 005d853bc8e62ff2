package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * No silent loss: the function's errors and throttles and the dead-letter queue alarm, named after the stack, and
 * notify the configured topic, or a topic the stack creates for an email address.
 */
class OperationalAlarmsTest {

    private static final String ERRORS = "CustomLabelsScheduler-function-errors";
    private static final String THROTTLES = "CustomLabelsScheduler-function-throttles";
    private static final String DEAD_LETTERS = "CustomLabelsScheduler-dead-letters";
    private static final List<String> OPERATIONAL = List.of(ERRORS, THROTTLES, DEAD_LETTERS);
    private static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops-alerts";

    private static Template template;

    @BeforeAll
    static void synthesizeExample() {
        template = SchedulerFunctionTest.example();
    }

    @Test
    void alarmsOnAnyErrorOfTheLiveAliasInFiveMinutes() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", ERRORS,
                "Namespace", "AWS/Lambda",
                "MetricName", "Errors",
                "Dimensions", aliasDimensions(),
                "Statistic", "Sum",
                "Period", 300,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void alarmsOnAnyThrottleOfTheLiveAlias() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", THROTTLES,
                "Namespace", "AWS/Lambda",
                "MetricName", "Throttles",
                "Dimensions", aliasDimensions(),
                "Statistic", "Sum",
                "Period", 300,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void keepsOneAlarmOnTheDeadLetterQueue() {
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible"), 1);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", DEAD_LETTERS,
                "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                        List.of(SchedulerFunctionTest.deadLetterQueueId(), "QueueName")))),
                "Statistic", "Maximum",
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
    }

    @Test
    void namesEveryAlarmAfterTheStack() {
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", Match.stringLikeRegexp("^CustomLabelsScheduler-"))));
        // errors, throttles, dead letters, idle stop of defects, and the start-not-verified alarm of verified starts
        template.resourceCountIs("AWS::CloudWatch::Alarm", 5);
    }

    @Test
    void notifiesNobodyWithoutAlarmsConfiguration() {
        for (String alarm : OPERATIONAL) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", alarm, "AlarmActions", Match.absent()));
        }
        template.resourceCountIs("AWS::SNS::Topic", 0);
    }

    @Test
    void notifiesAnExistingTopicFromEveryOperationalAlarm() {
        Map<String, Object> context = TestConfigs.example();
        context.put("alarms", map("topicArn", OPS_TOPIC));

        Template custom = TestStacks.template(context);

        for (String alarm : OPERATIONAL) {
            custom.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", alarm, "AlarmActions", List.of(OPS_TOPIC)));
        }
        custom.resourceCountIs("AWS::SNS::Topic", 0);
        custom.resourceCountIs("AWS::SNS::TopicPolicy", 0);
    }

    @Test
    void leavesTheIdleStopAlarmToStopTheModel() {
        Map<String, Object> context = TestConfigs.example();
        context.put("alarms", map("topicArn", OPS_TOPIC));

        Template custom = TestStacks.template(context);

        custom.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "CustomLabelsScheduler-defects-idle",
                "AlarmActions", List.of(Map.of("Ref", SchedulerFunctionTest.aliasId()))));
    }

    @Test
    void createsATopicWithTheEmailSubscriptionForEveryOperationalAlarm() {
        Template custom = withEmail();
        String topic = custom.getResourceId("AWS::SNS::Topic");

        custom.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", "ops@example.com",
                "TopicArn", Map.of("Ref", topic)));
        for (String alarm : OPERATIONAL) {
            custom.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", alarm, "AlarmActions", List.of(Map.of("Ref", topic))));
        }
        custom.hasOutput("AlarmTopicArn", Map.of("Value", Map.of("Ref", topic)));
    }

    /** Not alias/aws/sns: CloudWatch alarms cannot use the AWS managed key, and would never deliver. */
    @Test
    void encryptsTheTopicWithARotatedKeyCloudWatchAlarmsMayUse() {
        Template custom = withEmail();
        String key = custom.getResourceId("AWS::KMS::Key");

        custom.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        custom.hasResourceProperties("AWS::KMS::Key", Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowCloudWatchAlarmsToUseTheKey",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
    }

    @Test
    void letsOnlyThisStacksAlarmsPublishAndOnlyOverTls() {
        Template custom = withEmail();
        String topic = custom.getResourceId("AWS::SNS::Topic");

        Map<String, Object> onlyThisStacksAlarms = Map.of(
                "StringEquals", Map.of("aws:SourceAccount", TestStacks.ACCOUNT),
                // The partition is written out: the stack's region is known, and cdk.json enables partition literals.
                "ArnLike", Map.of("aws:SourceArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:CustomLabelsScheduler-*"));

        custom.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
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
                                "Condition", onlyThisStacksAlarms)))))));
    }

    @Test
    void refusesATopicInAnotherRegionThanTheStack() {
        Map<String, Object> context = TestConfigs.example();
        context.put("alarms", map("topicArn", "arn:aws:sns:us-east-1:123456789012:ops-alerts"));

        ConfigException error = assertThrows(ConfigException.class, () -> TestStacks.stack(context));

        assertEquals(List.of("alarms.topicArn: the topic is in us-east-1 but the stack deploys to eu-west-1, and a "
                + "CloudWatch alarm can only notify a topic in its own region; give a topic in eu-west-1, or use "
                + "alarms.email to have the stack create one"), error.problems());
    }

    private static Template withEmail() {
        Map<String, Object> context = TestConfigs.example();
        context.put("alarms", map("email", "ops@example.com"));
        return TestStacks.template(context);
    }

    /** Lambda publishes an alias's metrics under the function's name and "function:alias" as Resource. */
    private static List<Map<String, Object>> aliasDimensions() {
        String function = SchedulerFunctionTest.functionId();
        return List.of(
                Map.of("Name", "FunctionName", "Value", Map.of("Ref", function)),
                Map.of("Name", "Resource", "Value", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Ref", function), ":" + SchedulerFunction.ALIAS_NAME)))));
    }
}
