package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The scheduler: one function behind a "live" alias, every trigger of it (schedules, API, idle alarms), and what
 * watches it (operational alarms, a dashboard).
 */
public final class SchedulerStack extends Stack {

    private final DeploymentConfig config;
    private final DeadLetterQueue deadLetterQueue;
    private final SchedulerFunction function;
    private final ModelApi api;
    private final OperationalAlarms operationalAlarms;
    private final StartVerification startVerification;
    private final OperationsDashboard dashboard;
    private final NestedStack schedulesStack;

    public SchedulerStack(Construct scope, String id, SchedulerStackProps props) {
        super(scope, id, props.stackProps());
        this.config = props.config();

        this.deadLetterQueue = createDeadLetterQueue();
        this.function = createFunction(props.functionPackage());
        this.schedulesStack = createSchedules();
        this.api = createApi();
        IdleStopAlarms idleStopAlarms = createIdleStopAlarms();
        this.operationalAlarms = createOperationalAlarms();
        this.startVerification = createStartVerification();
        this.dashboard = createDashboard(idleStopAlarms);
        dashboard.dashboard().addWidgets(startVerification.minutesToRunning(List.copyOf(config.models().keySet())));
        outputs();
        StackLimits.check(this, schedulesStack, config);
    }

    public Function function() {
        return function.function();
    }

    public Alias liveAlias() {
        return function.alias();
    }

    public SchedulerFunction schedulerFunction() {
        return function;
    }

    /** The nested stack that holds the schedules, so they never share the parent's 500 resources. */
    public NestedStack schedulesStack() {
        return schedulesStack;
    }

    public OperationalAlarms operationalAlarms() {
        return operationalAlarms;
    }

    public OperationsDashboard dashboard() {
        return dashboard;
    }

    private DeadLetterQueue createDeadLetterQueue() {
        return new DeadLetterQueue(this, "DeadLetterQueue");
    }

    /** The function with its configuration document (models, default command, idle-stop alarms) in its package. */
    private SchedulerFunction createFunction(FunctionPackage functionPackage) {
        Map<String, List<String>> idleStopAlarms = IdleStopAlarms.alarmsByName(getStackName(), config.idleStopModels());
        SchedulerConfig configuration = config.functionConfig(idleStopAlarms);
        return new SchedulerFunction(this, "SchedulerFunction", new SchedulerFunction.Props(functionPackage,
                configuration, List.copyOf(config.models().values()), config.function(), deadLetterQueue.queue()));
    }

    /**
     * The schedules live in a nested stack of their own, always: CloudFormation allows 500 resources per stack, and
     * one schedule is one resource, so a few hundred schedules beside the rest would not fit. Always, not only past a
     * threshold, because a schedule (whose name is fixed) moved between stacks would be created in the new one
     * before it is deleted from the old one, and that deploy fails on the name.
     */
    private NestedStack createSchedules() {
        NestedStack nested = new NestedStack(this, "SchedulesStack", NestedStackProps.builder()
                .description("Custom Labels Scheduler: the EventBridge Scheduler schedules of " + getStackName())
                .build());
        new ModelSchedules(nested, "Schedules", new ModelSchedules.Props(
                liveAlias(), config.schedules(), deadLetterQueue.queue(), scheduleGroupName(getStackName())));
        return nested;
    }

    /**
     * Named after the stack, with a suffix: the schedules moved into their nested stack with this version, and a new
     * group name lets them be created there before the old group and its schedules are deleted.
     */
    static String scheduleGroupName(String stackName) {
        return stackName + "-schedules";
    }

    private ModelApi createApi() {
        return new ModelApi(this, "Api", new ModelApi.Props(
                liveAlias(), config.api(), LogRetention.days(config.function().logRetentionDays())));
    }

    private IdleStopAlarms createIdleStopAlarms() {
        return new IdleStopAlarms(this, "IdleStopAlarms", new IdleStopAlarms.Props(liveAlias(),
                config.idleStopModels()));
    }

    /** Failures never pass silently: errors, throttles and dead letters alarm, and notify when configured. */
    private OperationalAlarms createOperationalAlarms() {
        return new OperationalAlarms(this, "OperationalAlarms", new OperationalAlarms.Props(
                liveAlias(), deadLetterQueue.alarm(), config.alarms()));
    }

    /** Every accepted start is followed up until the model is RUNNING; one that is not alarms and notifies. */
    private StartVerification createStartVerification() {
        return new StartVerification(this, "StartVerification", new StartVerification.Props(function(), liveAlias(),
                deadLetterQueue.queue(), operationalAlarms.topic(), config.verification()));
    }

    private OperationsDashboard createDashboard(IdleStopAlarms idleStopAlarms) {
        List<IAlarm> alarms = new ArrayList<>(operationalAlarms.alarms());
        alarms.add(startVerification.alarm());
        alarms.addAll(idleStopAlarms.alarms());
        return new OperationsDashboard(this, "Dashboard", new OperationsDashboard.Props(getStackName(),
                List.copyOf(config.models().values()), config.schedules(), liveAlias(), deadLetterQueue.queue(),
                alarms));
    }

    private void outputs() {
        output("ApiUrl", api.url(), "Invoke URL of the API stage; requests are signed with SigV4 (IAM)");
        output("FunctionName", function().getFunctionName(), "The scheduler function");
        output("FunctionAliasArn", liveAlias().getFunctionArn(), "The alias every trigger invokes");
        output("ScheduleDeadLetterQueueUrl", deadLetterQueue.queue().getQueueUrl(),
                "Failed schedule deliveries and failed asynchronous invocations");
        output("DashboardUrl", "https://console.aws.amazon.com/cloudwatch/home?region=" + getRegion()
                + "#dashboards/dashboard/" + dashboard.dashboard().getDashboardName(),
                "The deployment's CloudWatch dashboard: schedules, alarms, units, outcomes");
        if (config.alarms().emailIfConfigured().isPresent()) {
            operationalAlarms.topic().ifPresent(topic -> output("AlarmTopicArn", topic.getTopicArn(),
                    "The topic the alarms notify; confirm the email subscription SNS sends after the deploy"));
        }
        output("VerificationSchedulerRoleArn", startVerification.schedulerRole().getRoleArn(),
                "The role EventBridge Scheduler runs the start checks and publishes their notifications with; an "
                        + "encrypted alarms.topicArn's key policy must allow it kms:GenerateDataKey* and kms:Decrypt");
        api.apiKey().ifPresent(key -> output("ApiKeyId", key.getKeyId(),
                "The API key callers send as x-api-key, besides signing; read its value with "
                        + "aws apigateway get-api-key --include-value --api-key <id>"));
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }
}
