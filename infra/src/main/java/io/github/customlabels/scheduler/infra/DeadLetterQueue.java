package io.github.customlabels.scheduler.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** Where a scheduled or asynchronous invocation that did not happen ends up, with an alarm so it is never silent. */
public final class DeadLetterQueue extends Construct {

    private final Queue queue;
    private final Alarm alarm;

    public DeadLetterQueue(Construct scope, String id) {
        super(scope, id);
        this.queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // The longest SQS allows: a failed weekend schedule is still there to inspect on Monday.
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(queue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This is the dead-letter queue: schedules and the function's asynchronous invocations send "
                        + "their failed events here. Nothing consumes it, so there is no failed processing to redrive "
                        + "into a further queue; the NotEmpty alarm reports what arrives.")
                .build()));
        // OperationalAlarms adds the notification (alarms.topicArn or alarms.email) with the function's alarms. The
        // alarm stays defined here: moving it would change its logical id, and CloudFormation would create the
        // "new" alarm under the same name before deleting the old one, which takes the alarm with it.
        this.alarm = OperationalAlarms.atLeastOnce(this, "NotEmpty", Stack.of(this).getStackName() + "-dead-letters",
                "A scheduled or asynchronous invocation of the scheduler function failed; "
                        + "its event is in the dead-letter queue.",
                queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5))
                        .statistic("Maximum")
                        .build()));
    }

    public IQueue queue() {
        return queue;
    }

    public Alarm alarm() {
        return alarm;
    }
}
