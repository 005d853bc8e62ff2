package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.infra.config.FunctionOptions;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The scheduler function with its configuration packaged in, its own role and log group, and the "live" alias every
 * trigger invokes.
 */
public final class SchedulerFunction extends Construct {

    /**
     * What the function is built from.
     *
     * @param configuration the document the function reads at init, written into its deployment package
     * @param models the configured models, whose versions and projects the role may act on
     * @param deadLetterQueue where asynchronous invocations that still fail after the retries go
     */
    public record Props(FunctionPackage functionPackage, SchedulerConfig configuration, List<ModelConfig> models,
                        FunctionOptions options, IQueue deadLetterQueue) {

        public Props {
            Objects.requireNonNull(functionPackage, "functionPackage");
            Objects.requireNonNull(configuration, "configuration");
            models = List.copyOf(models);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        }
    }

    public static final String HANDLER = "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest";
    public static final String ALIAS_NAME = "live";

    /** How often Lambda retries an asynchronous invocation (schedules, alarms) that failed in the function. */
    static final int ASYNC_RETRY_ATTEMPTS = 2;

    /** Tiered compilation stopped at C1 trades peak throughput, which a short-lived controller never reaches, for faster start. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final LogGroup logs;
    private final Role role;
    private final Function function;
    private final Alias alias;

    public SchedulerFunction(Construct scope, String id, Props props) {
        super(scope, id);
        this.logs = LogGroup.Builder.create(this, "Logs")
                .retention(LogRetention.days(props.options().logRetentionDays()))
                .build();
        this.role = createRole();
        this.function = createFunction(props);
        this.alias = publishLiveAlias(props.deadLetterQueue());
        new RekognitionPermissions(role, props.models()).grant();
    }

    public Function function() {
        return function;
    }

    /** The alias every trigger invokes. */
    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }

    /**
     * The function's role, written out instead of the CDK's default with AWSLambdaBasicExecutionRole, which allows
     * creating any log group and writing to every one in the account. The function writes to its own log group and
     * nowhere else. Every statement goes to the role's one policy, which the CDK splits into managed policies when it
     * passes IAM's size limit for a role's inline policies: a second inline policy would share that limit unseen.
     */
    private Role createRole() {
        Role created = Role.Builder.create(this, "Role")
                .description("Custom Labels Scheduler function: its own logs, and the configured models")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        created.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteOwnLogGroup")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                // The log group's ARN as IAM names it for CreateLogStream, and CloudFormation's Arn attribute,
                // which ends in ":*" and so covers the log streams in this group (for PutLogEvents) and no other.
                .resources(List.of(
                        Stack.of(this).formatArn(ArnComponents.builder()
                                .service("logs")
                                .resource("log-group")
                                .resourceName(logs.getLogGroupName())
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                .build()),
                        logs.getLogGroupArn()))
                .build());
        return created;
    }

    private Function createFunction(Props props) {
        FunctionOptions options = props.options();
        Function.Builder builder = Function.Builder.create(this, "Function")
                .description("Starts, stops and reports on Rekognition Custom Labels models")
                .runtime(Runtime.JAVA_25)
                // Graviton costs about a fifth less per GB-second, and SnapStart supports it for Java 21 and later.
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                // The configuration travels in the package, not in environment variables (4 KB for all of them):
                // a changed configuration is a new package, so a new version, a new snapshot and the alias moves.
                .code(props.functionPackage().withConfiguration(props.configuration().toJson()))
                .role(role)
                .memorySize(options.memorySize())
                .timeout(Duration.seconds(options.timeoutSeconds()))
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .environment(Map.of("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS));
        if (options.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (options.reservedConcurrency() != null) {
            builder.reservedConcurrentExecutions(options.reservedConcurrency());
        }
        return builder.build();
    }

    /** SnapStart only applies to published versions, so every trigger invokes the alias, never $LATEST. */
    private Alias publishLiveAlias(IQueue deadLetterQueue) {
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the alias below publishes the function's current version");
        return Alias.Builder.create(this, "LiveAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                // Schedules and alarms invoke asynchronously: a command that still fails after the retries
                // lands in the dead-letter queue instead of vanishing.
                .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(ModelSchedules.MAX_EVENT_AGE)
                .onFailure(new SqsDestination(deadLetterQueue))
                .build();
    }
}
