package io.github.customlabels.scheduler.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import io.github.customlabels.scheduler.infra.config.FunctionOptions;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The scheduler: one function behind a "live" alias, every trigger of it (schedules, API, idle alarms), and what
 * watches it (operational alarms, a dashboard).
 */
public final class SchedulerStack extends Stack {

    public static final String HANDLER = "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest";
    public static final String ALIAS_NAME = "live";

    /** How often Lambda retries an asynchronous invocation (schedules, alarms) that failed in the function. */
    static final int ASYNC_RETRY_ATTEMPTS = 2;

    private final DeploymentConfig config;
    private final DeadLetterQueue deadLetterQueue;
    private final Role functionRole;
    private final Function function;
    private final Alias liveAlias;
    private final ModelApi api;
    private final OperationalAlarms operationalAlarms;
    private final OperationsDashboard dashboard;

    public SchedulerStack(Construct scope, String id, SchedulerStackProps props) {
        super(scope, id, props.stackProps());
        this.config = props.config();

        this.deadLetterQueue = createDeadLetterQueue();
        LogGroup functionLogs = createFunctionLogs();
        this.functionRole = createFunctionRole(functionLogs);
        this.function = createFunction(props.functionCode(), functionLogs);
        this.liveAlias = publishLiveAlias();
        grantRekognition();
        createSchedules();
        this.api = createApi();
        IdleStopAlarms idleStopAlarms = createIdleStopAlarms();
        this.operationalAlarms = createOperationalAlarms();
        this.dashboard = createDashboard(idleStopAlarms);
        outputs();
    }

    public Function function() {
        return function;
    }

    public Alias liveAlias() {
        return liveAlias;
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

    private LogGroup createFunctionLogs() {
        return LogGroup.Builder.create(this, "FunctionLogs")
                .retention(LogRetention.days(config.function().logRetentionDays()))
                .build();
    }

    /**
     * The function's role, written out instead of the CDK's default with AWSLambdaBasicExecutionRole, which allows
     * creating any log group and writing to every one in the account. The function writes to its own log group,
     * which the stack creates, and nowhere else; grantRekognition adds the model permissions.
     */
    private Role createFunctionRole(ILogGroup logs) {
        PolicyStatement writeOwnLogs = PolicyStatement.Builder.create()
                .sid("WriteOwnLogGroup")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                // The log group's ARN as IAM names it for CreateLogStream, and CloudFormation's Arn attribute,
                // which ends in ":*" and so covers the log streams in this group (for PutLogEvents) and no other.
                .resources(List.of(
                        formatArn(ArnComponents.builder()
                                .service("logs")
                                .resource("log-group")
                                .resourceName(logs.getLogGroupName())
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                .build()),
                        logs.getLogGroupArn()))
                .build();
        return Role.Builder.create(this, "FunctionRole")
                .description("Custom Labels Scheduler function: its own logs, and the configured models")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("WriteOwnLogGroup", PolicyDocument.Builder.create()
                        .statements(List.of(writeOwnLogs))
                        .build()))
                .build();
    }

    private Function createFunction(Code code, ILogGroup logGroup) {
        FunctionOptions options = config.function();
        Function.Builder builder = Function.Builder.create(this, "Function")
                .description("Starts, stops and reports on Rekognition Custom Labels models")
                .runtime(Runtime.JAVA_25)
                // Graviton costs about a fifth less per GB-second, and SnapStart supports it for Java 21 and later.
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(code)
                .role(functionRole)
                .memorySize(options.memorySize())
                .timeout(Duration.seconds(options.timeoutSeconds()))
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .environment(FunctionEnvironment.of(config, getStackName()));
        if (options.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (options.reservedConcurrency() != null) {
            builder.reservedConcurrentExecutions(options.reservedConcurrency());
        }
        return builder.build();
    }

    /** SnapStart only applies to published versions, so every trigger invokes the alias, never $LATEST. */
    private Alias publishLiveAlias() {
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the alias below publishes the function's current version");
        return Alias.Builder.create(this, "LiveAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                // Schedules and alarms invoke asynchronously: a command that still fails after the retries
                // lands in the dead-letter queue instead of vanishing.
                .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(ModelSchedules.MAX_EVENT_AGE)
                .onFailure(new SqsDestination(deadLetterQueue.queue()))
                .build();
    }

    private void grantRekognition() {
        Collection<ModelConfig> models = config.models().values();
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("StartStopConfiguredModelVersions")
                .actions(List.of("rekognition:StartProjectVersion", "rekognition:StopProjectVersion"))
                .resources(models.stream().map(ModelConfig::projectVersionArn).distinct().sorted().toList())
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("DescribeConfiguredProjects")
                .actions(List.of("rekognition:DescribeProjectVersions"))
                .resources(models.stream()
                        .map(model -> model.projectArnIfConfigured().orElse(model.projectArnPattern()))
                        .distinct().sorted().toList())
                .build());
        List<NagPackSuppression> wildcards = new ArrayList<>();
        models.stream()
                .filter(model -> model.projectArnIfConfigured().isEmpty())
                .map(ModelConfig::projectArnPattern)
                .distinct().sorted()
                .forEach(pattern -> wildcards.add(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("DescribeProjectVersions takes the project ARN, whose trailing creation timestamp "
                                + "cannot be derived from the configured version ARN. The wildcard covers only that "
                                + "timestamp: projects of this one name, in this account and region, read-only. "
                                + "Configuring the model's projectArn removes it.")
                        .appliesTo(List.of("Resource::" + pattern))
                        .build()));
        if (models.stream().anyMatch(model -> model.projectArnIfConfigured().isEmpty())) {
            // DescribeProjects has no resource-level permission (it takes project names, not ARNs), so it can only
            // be granted on "*". It is read-only, and only granted when a model's project ARN must be looked up.
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .sid("FindProjectArnsByName")
                    .actions(List.of("rekognition:DescribeProjects"))
                    .resources(List.of("*"))
                    .build());
            wildcards.add(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("rekognition:DescribeProjects takes project names, not a project ARN, and has no "
                            + "resource-level permission to scope it with, so IAM only accepts \"*\". It is "
                            + "read-only, and granted only while some model has no configured projectArn, to look "
                            + "that project's ARN up by name.")
                    .appliesTo(List.of("Resource::*"))
                    .build());
        }
        if (!wildcards.isEmpty()) {
            // On the role and its default policy, where addToRolePolicy puts the statements; appliesTo keeps each
            // suppression to the exact resource string above, so any other wildcard is still reported.
            NagSuppressions.addResourceSuppressions(functionRole, wildcards, true);
        }
    }

    private void createSchedules() {
        new ModelSchedules(this, "Schedules", new ModelSchedules.Props(
                liveAlias, config.schedules(), deadLetterQueue.queue(), getStackName()));
    }

    private ModelApi createApi() {
        return new ModelApi(this, "Api", new ModelApi.Props(
                liveAlias, config.api(), LogRetention.days(config.function().logRetentionDays())));
    }

    private IdleStopAlarms createIdleStopAlarms() {
        return new IdleStopAlarms(this, "IdleStopAlarms", new IdleStopAlarms.Props(liveAlias, config.idleStopModels()));
    }

    /** Failures never pass silently: errors, throttles and dead letters alarm, and notify when configured. */
    private OperationalAlarms createOperationalAlarms() {
        return new OperationalAlarms(this, "OperationalAlarms", new OperationalAlarms.Props(
                liveAlias, deadLetterQueue.alarm(), config.alarms()));
    }

    private OperationsDashboard createDashboard(IdleStopAlarms idleStopAlarms) {
        List<IAlarm> alarms = new ArrayList<>(operationalAlarms.alarms());
        alarms.addAll(idleStopAlarms.alarms());
        return new OperationsDashboard(this, "Dashboard", new OperationsDashboard.Props(getStackName(),
                List.copyOf(config.models().values()), config.schedules(), liveAlias, deadLetterQueue.queue(),
                alarms));
    }

    private void outputs() {
        output("ApiUrl", api.url(), "Invoke URL of the API stage; requests are signed with SigV4 (IAM)");
        output("FunctionName", function.getFunctionName(), "The scheduler function");
        output("FunctionAliasArn", liveAlias.getFunctionArn(), "The alias every trigger invokes");
        output("ScheduleDeadLetterQueueUrl", deadLetterQueue.queue().getQueueUrl(),
                "Failed schedule deliveries and failed asynchronous invocations");
        output("DashboardUrl", "https://console.aws.amazon.com/cloudwatch/home?region=" + getRegion()
                + "#dashboards/dashboard/" + dashboard.dashboard().getDashboardName(),
                "The deployment's CloudWatch dashboard: schedules, alarms, units, outcomes");
        if (config.alarms().emailIfConfigured().isPresent()) {
            operationalAlarms.topic().ifPresent(topic -> output("AlarmTopicArn", topic.getTopicArn(),
                    "The topic the alarms notify; confirm the email subscription SNS sends after the deploy"));
        }
        api.apiKey().ifPresent(key -> output("ApiKeyId", key.getKeyId(),
                "The API key callers send as x-api-key, besides signing; read its value with "
                        + "aws apigateway get-api-key --include-value --api-key <id>"));
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }
}
