package io.github.customlabels.scheduler.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.IConstruct;

/**
 * A stack of its own for one construct under test, in an app with cdk.json's feature flags, and the minimal
 * stand-ins a construct is given (a function, a queue, an alarm) instead of the scheduler stack's own.
 */
final class ConstructStacks {

    static final String STACK_NAME = "Test";

    private ConstructStacks() {
    }

    /** An empty stack named "Test" in the test account and region. */
    static Stack stack() {
        return stack(STACK_NAME, TestStacks.REGION);
    }

    static Stack stack(String name, String region) {
        return new Stack(TestStacks.app(), name, StackProps.builder()
                .env(Environment.builder().account(TestStacks.ACCOUNT).region(region).build())
                .build());
    }

    /** A function with inline code, standing in for the scheduler's alias. */
    static Function function(Stack stack, String id) {
        return Function.Builder.create(stack, id)
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({});"))
                .build();
    }

    static Queue queue(Stack stack, String id) {
        return Queue.Builder.create(stack, id).build();
    }

    /** An alarm on a simple metric, standing in for the dead-letter queue's. */
    static Alarm alarm(Stack stack, String id) {
        return Alarm.Builder.create(stack, id)
                .metric(Metric.Builder.create().namespace("Test").metricName("Stand-in").build())
                .threshold(1)
                .evaluationPeriods(1)
                .build();
    }

    /** The logical id CloudFormation knows the construct's resource by. */
    static String logicalId(IConstruct construct) {
        CfnElement resource = (CfnElement) construct.getNode().getDefaultChild();
        return Stack.of(construct).getLogicalId(resource);
    }

    /** {@code {"Fn::GetAtt": [id, "Arn"]}}, the form a reference to a resource's ARN takes in the template. */
    static Map<String, Object> arnOf(IConstruct construct) {
        return Map.of("Fn::GetAtt", List.of(logicalId(construct), "Arn"));
    }

    static Map<String, Object> refTo(IConstruct construct) {
        return Map.of("Ref", logicalId(construct));
    }
}
