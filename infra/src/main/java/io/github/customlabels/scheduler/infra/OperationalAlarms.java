package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.AlarmOptions;
import io.github.customlabels.scheduler.infra.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The alarms that make a failure visible: the function failed or was throttled, or an event reached the dead-letter
 * queue. Each can notify an SNS topic (alarms.topicArn, or one the stack creates for alarms.email).
 *
 * <p>A scheduled start that did not happen makes the invocation fail, so the errors alarm is also "a scheduled action
 * did not happen"; the dead-letter alarm follows once the retries are spent.
 */
public final class OperationalAlarms extends Construct {

    /**
     * What the alarms are built from.
     *
     * @param function the alias every trigger invokes: its metrics count exactly the invocations that matter
     * @param deadLetterAlarm the dead-letter queue's own alarm, which gets the same notification
     */
    public record Props(IFunction function, Alarm deadLetterAlarm, AlarmOptions options) {

        public Props {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(deadLetterAlarm, "deadLetterAlarm");
            Objects.requireNonNull(options, "options");
        }
    }

    static final Duration PERIOD = Duration.minutes(5);

    private final List<Alarm> alarms = new ArrayList<>();
    private final ITopic topic;

    public OperationalAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        String stackName = Stack.of(this).getStackName();
        IFunction function = props.function();
        alarms.add(atLeastOnce(this, "FunctionErrors", stackName + "-function-errors",
                "The scheduler function failed at least once in 5 minutes (alias " + SchedulerFunction.ALIAS_NAME + "): "
                        + "a scheduled or event-driven start or stop did not happen, or an API request ended in an "
                        + "unhandled error. Asynchronous invocations are retried, then sent to the dead-letter queue; "
                        + "the function's log group says why.",
                function.metricErrors(sum())));
        alarms.add(atLeastOnce(this, "FunctionThrottles", stackName + "-function-throttles",
                "Lambda throttled the scheduler function at least once in 5 minutes: the account's (or the "
                        + "function's reserved) concurrency was exhausted. Throttled schedules and alarms are retried "
                        + "within their maximum event age, then dead-lettered; API callers got 429 or 502.",
                function.metricThrottles(sum())));
        alarms.add(props.deadLetterAlarm());
        this.topic = notificationTopic(props.options(), stackName).orElse(null);
        if (topic != null) {
            SnsAction notify = new SnsAction(topic);
            alarms.forEach(alarm -> alarm.addAlarmAction(notify));
        }
    }

    /** Every operational alarm: function errors, function throttles, dead letters. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The topic the alarms notify, when alarms.topicArn or alarms.email is configured. */
    public Optional<ITopic> topic() {
        return Optional.ofNullable(topic);
    }

    /** An alarm that fires on one occurrence in a period; no data (nothing happened) is not a breach. */
    static Alarm atLeastOnce(Construct scope, String id, String name, String description, IMetric metric) {
        return Alarm.Builder.create(scope, id)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    }

    private Optional<ITopic> notificationTopic(AlarmOptions options, String stackName) {
        if (options.topicArnIfConfigured().isPresent()) {
            checkTopicRegion(options);
            return Optional.of(Topic.fromTopicArn(this, "Topic", options.topicArn()));
        }
        return options.emailIfConfigured().map(email -> emailTopic(email, stackName));
    }

    /**
     * A topic of the stack's own, encrypted with a customer managed key: CloudWatch alarms cannot publish to a topic
     * encrypted with the AWS managed key alias/aws/sns, whose key policy does not let them use it and cannot be
     * changed, so every notification would fail. The key encrypts nothing but this topic's messages in flight.
     */
    private ITopic emailTopic(String email, String stackName) {
        Key key = Key.Builder.create(this, "TopicKey")
                .description("Encrypts the " + stackName + " alarm notification topic")
                .enableKeyRotation(true)
                // Only messages in flight were encrypted with it, so nothing is lost when it goes with the stack.
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        // As AWS documents for CloudWatch alarms and encrypted topics. The key serves this one topic, and the topic
        // policy below decides which alarms may publish.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToUseTheKey")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        Topic created = Topic.Builder.create(this, "Topic")
                .displayName(stackName + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // enforceSsl gives the topic a policy of its own, which replaces SNS's default one (the account may publish):
        // CloudWatch needs an explicit grant, limited to this account's alarms of this stack.
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowThisStacksAlarmsToPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                // Sorted: Map.of's order changes from one JVM to the next, and the template must not.
                .conditions(new TreeMap<>(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", Stack.of(this).formatArn(ArnComponents.builder()
                                .service("cloudwatch")
                                .resource("alarm")
                                .resourceName(stackName + "-*")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                .build())))))
                .build());
        created.addSubscription(new EmailSubscription(email));
        return created;
    }

    /** CloudWatch refuses an alarm action on a topic of another region. */
    private void checkTopicRegion(AlarmOptions options) {
        String region = Stack.of(this).getRegion();
        String topicRegion = options.topicRegion().orElseThrow();
        if (!Token.isUnresolved(region) && !region.equals(topicRegion)) {
            throw new ConfigException(List.of("alarms.topicArn: the topic is in " + topicRegion + " but the stack "
                    + "deploys to " + region + ", and a CloudWatch alarm can only notify a topic in its own region; "
                    + "give a topic in " + region + ", or use alarms.email to have the stack create one"));
        }
    }
}
