package io.github.customlabels.scheduler.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import io.github.customlabels.scheduler.contract.CheckScheduleName;
import io.github.customlabels.scheduler.contract.Metrics;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.infra.config.VerificationOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Verified starts: the schedule group of the checks' one-time schedules, the role EventBridge Scheduler invokes the
 * live alias with (and publishes notifications with), the function's permissions on that group and role, the
 * deployment's alarm on {@value Metrics#START_VERIFICATION_FAILED}, and the settings in the function's
 * environment.
 */
public final class StartVerification extends Construct {

    /**
     * What verification is built from.
     *
     * @param topic the alarm topic (alarms.topicArn or alarms.email), if any: the alarm and the notifications go there
     * @param timings the checks' timings (cdk.json verification), validated by the configuration's parser
     */
    public record Props(Function function, Alias alias, IQueue deadLetterQueue, Optional<ITopic> topic,
                        VerificationOptions timings) {
        public Props {
            Objects.requireNonNull(timings, "timings");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            Objects.requireNonNull(topic, "topic");
        }
    }

    private final CfnScheduleGroup group;
    private final Role schedulerRole;
    private final Alarm alarm;

    public StartVerification(Construct scope, String id, Props props) {
        super(scope, id);
        String stackName = Stack.of(this).getStackName();
        this.group = CfnScheduleGroup.Builder.create(this, "Group").name(CheckScheduleName.group(stackName))
                .build();
        // No inline policy: the policy below names the alias, and the function's environment names this role, so an
        // inline policy would make the function depend on its own alias.
        this.schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .description("EventBridge Scheduler: invokes the scheduler function's live alias for start checks")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com", software.amazon.awscdk.services.iam
                        .ServicePrincipalOpts.builder().conditions(Map.of("StringEquals",
                                Map.of("aws:SourceAccount", Stack.of(this).getAccount()))).build()))
                .build();
        PolicyStatement invoke = PolicyStatement.Builder.create()
                .sid("InvokeLiveAlias")
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(props.alias().getFunctionArn()))
                .build();
        PolicyStatement deadLetters = PolicyStatement.Builder.create()
                .sid("SendUndeliveredChecks")
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(props.deadLetterQueue().getQueueArn()))
                .build();
        Policy.Builder policy = Policy.Builder.create(this, "SchedulerPolicy").roles(List.of(schedulerRole))
                .statements(List.of(invoke, deadLetters));
        props.topic().ifPresent(topic -> policy.statements(List.of(invoke, deadLetters, PolicyStatement.Builder.create()
                .sid("PublishNotifications")
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .build())));
        policy.build();
        // The stack's own topic (alarms.email) is encrypted with a customer managed key, and SNS refuses a publisher
        // that cannot use it: the grant names the key, whose policy lets the account's IAM policies decide. An existing
        // topic (alarms.topicArn) brings no key the stack could know: its key policy must allow this role (README).
        props.topic().map(ITopic::getMasterKey).ifPresent(key -> {
            key.grant(schedulerRole, "kms:Decrypt", "kms:GenerateDataKey*");
            NagSuppressions.addResourceSuppressions(schedulerRole, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("SNS asks for a data key of the topic's own key to encrypt a notification; "
                            + "kms:GenerateDataKey* is the action AWS documents for a publisher to an encrypted topic, "
                            + "on that one key.")
                    .appliesTo(List.of("Action::kms:GenerateDataKey*"))
                    .build()), true);
        });

        String schedules = Stack.of(this).formatArn(ArnComponents.builder()
                .service("scheduler").resource("schedule").resourceName(group.getName() + "/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        props.function().addToRolePolicy(PolicyStatement.Builder.create()
                .sid("ManageStartChecks")
                .actions(List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule",
                        "scheduler:GetSchedule"))
                .resources(List.of(schedules))
                .build());
        // The checks are named at run time, one pair per model (verify-1-<model>, verify-2-<model>, notify-<model>):
        // the group is the narrowest resource IAM can name for them. On the stack, as RekognitionPermissions does: at a
        // team's size the CDK moves the role's statements into managed policies it creates after this runs, which a
        // suppression on the role would miss; appliesTo keeps it to this group's schedules.
        NagSuppressions.addStackSuppressions(Stack.of(this), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The start checks are one-time schedules the function names at run time, per model, in this "
                        + "deployment's own schedule group; the wildcard covers that group's schedules and nothing "
                        + "else (no other group, no schedule group action).")
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^Resource::arn:.*:scheduler:.*:schedule\\/.*-verifications\\/\\*$/g").build()))
                .build()), true);
        props.function().addToRolePolicy(PolicyStatement.Builder.create()
                .sid("PassSchedulerRole")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(schedulerRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                .build());

        props.function().addEnvironment(VerificationSettings.GROUP_VARIABLE, group.getName());
        props.function().addEnvironment(VerificationSettings.ROLE_VARIABLE, schedulerRole.getRoleArn());
        props.function().addEnvironment(VerificationSettings.DEAD_LETTER_VARIABLE, props.deadLetterQueue().getQueueArn());
        props.function().addEnvironment(VerificationSettings.ALIAS_VARIABLE, props.alias().getAliasName());
        props.function().addEnvironment(VerificationSettings.FIRST_CHECK_VARIABLE,
                String.valueOf(props.timings().firstCheckMinutes()));
        props.function().addEnvironment(VerificationSettings.CHECK_EVERY_VARIABLE,
                String.valueOf(props.timings().checkEveryMinutes()));
        props.function().addEnvironment(VerificationSettings.TIMEOUT_VARIABLE,
                String.valueOf(props.timings().timeoutMinutes()));
        props.topic().ifPresent(topic -> props.function().addEnvironment(VerificationSettings.TOPIC_VARIABLE,
                topic.getTopicArn()));

        this.alarm = OperationalAlarms.atLeastOnce(this, "StartNotVerified", stackName + "-start-not-verified",
                "A model start was not verified: the model ended FAILED, was not RUNNING within "
                        + props.timings().timeoutMinutes() + " minutes, or its check could not be "
                        + "scheduled. The notification and the function's log line \""
                        + Metrics.MESSAGE_NOT_VERIFIED + "\" name the model, its state and Rekognition's "
                        + "status message.",
                failures(null));
        props.topic().ifPresent(topic -> alarm.addAlarmAction(new SnsAction(topic)));
    }

    /** The failures, for the deployment (model null) or one model. */
    static Metric failures(String model) {
        Metric.Builder metric = Metric.Builder.create()
                .namespace(Metrics.NAMESPACE)
                .metricName(Metrics.START_VERIFICATION_FAILED)
                .statistic("Sum")
                .period(Duration.minutes(5));
        if (model != null) {
            metric.dimensionsMap(Map.of(Metrics.MODEL_DIMENSION, model));
        }
        return metric.build();
    }

    /** The dashboard's graph of the minutes each model took to become RUNNING. */
    GraphWidget minutesToRunning(List<String> models) {
        return GraphWidget.Builder.create()
                .title("Minutes from start to RUNNING (verified starts)")
                .period(Duration.minutes(5))
                .width(24)
                .left(models.stream().map(model -> (software.amazon.awscdk.services.cloudwatch.IMetric) Metric.Builder
                        .create().namespace(Metrics.NAMESPACE)
                        .metricName(Metrics.MINUTES_TO_RUNNING)
                        .dimensionsMap(Map.of(Metrics.MODEL_DIMENSION, model))
                        .statistic("Maximum").period(Duration.minutes(5)).label(model).build()).toList())
                .build();
    }

    public CfnScheduleGroup group() {
        return group;
    }

    public Role schedulerRole() {
        return schedulerRole;
    }

    public Alarm alarm() {
        return alarm;
    }
}
