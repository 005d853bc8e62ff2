package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.ConstructStacks.logicalId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The dead-letter queue built alone: an encrypted, SSL-only queue that keeps its messages 14 days, and its alarm. */
class DeadLetterQueueConstructTest {

    private static DeadLetterQueue deadLetters;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = ConstructStacks.stack();
        deadLetters = new DeadLetterQueue(stack, "DeadLetterQueue");
        template = Template.fromStack(stack);
    }

    @Test
    void keepsItsMessagesEncryptedForTheLongestSqsAllows() {
        template.resourceCountIs("AWS::SQS::Queue", 1);
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600));
    }

    @Test
    void refusesEveryRequestWithoutTls() {
        template.resourceCountIs("AWS::SQS::QueuePolicy", 1);
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", logicalId(deadLetters.queue()))),
                "PolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "sqs:*",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
    }

    @Test
    void hasNoDeadLetterQueueOfItsOwnAndSaysWhy() {
        template.hasResource("AWS::SQS::Queue", Map.of(
                "Properties", Match.objectLike(Map.of("RedrivePolicy", Match.absent())),
                "Metadata", Match.objectLike(Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(Map.of(
                        "id", "AwsSolutions-SQS3",
                        "reason", Match.stringLikeRegexp("^This is the dead-letter queue"))))))));
    }

    @Test
    void alarmsOnTheFirstMessageInTheQueue() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 1);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Test-dead-letters",
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(logicalId(deadLetters.queue()), "QueueName")))),
                "Statistic", "Maximum",
                "Period", 300,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void leavesTheNotificationToTheOperationalAlarms() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", Match.absent()));
        assertEquals(logicalId(deadLetters.alarm()), template.getResourceId("AWS::CloudWatch::Alarm"));
    }

    @Test
    void namesItsAlarmAfterTheStack() {
        Stack other = ConstructStacks.stack("Other", TestStacks.REGION);
        new DeadLetterQueue(other, "DeadLetterQueue");

        Template.fromStack(other).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "Other-dead-letters"));
    }
}
