package io.github.customlabels.scheduler.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.constructs.IConstruct;

/** The CDK app: reads the deployment's configuration from cdk.json context and synthesizes the scheduler stack. */
public final class SchedulerApp {

    public static final String STACK_NAME = "CustomLabelsScheduler";

    /** Built by the function module; cdk runs the app from the repository root, where cdk.json is. */
    static final Path FUNCTION_JAR = Path.of("function", "target", "custom-labels-scheduler.jar");

    private SchedulerApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        if (!Files.isRegularFile(FUNCTION_JAR)) {
            exit(FUNCTION_JAR + " not found: run `mvn package` first (looked in " + FUNCTION_JAR.toAbsolutePath() + ")");
        }
        try {
            DeploymentConfig config = DeploymentConfig.fromContext(app.getNode()::tryGetContext);
            StackProps stackProps = stackProps(config);
            new SchedulerStack(app, STACK_NAME, new SchedulerStackProps(
                    stackProps, config, new FunctionPackage(FUNCTION_JAR)));
            // stderr: the CDK CLI reads the app's stdout, and shows its stderr to whoever runs synth or deploy.
            System.err.print(SynthSummary.render(config, STACK_NAME, stackProps.getEnv().getRegion(),
                    Clock.systemUTC()));
        } catch (ConfigException e) {
            exit(e.getMessage());
        }
        checkAwsSolutions(app);
        List<String> tooLarge = StackLimits.templateProblems(Path.of(app.synth().getDirectory()));
        if (!tooLarge.isEmpty()) {
            // The templates are written by now, but the CLI deploys nothing from an app that exits with an error.
            exit(new ConfigException(tooLarge).getMessage());
        }
    }

    /**
     * cdk-nag's AwsSolutions rules over everything in scope, explained (verbose): an unsuppressed finding of level
     * error makes `cdk synth` fail. Each accepted finding is suppressed, with its reason, where its resource is made.
     */
    static void checkAwsSolutions(IConstruct scope) {
        Aspects.of(scope).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }

    /** The message names the problem and its fix; a stack trace would only bury it. */
    private static void exit(String message) {
        System.err.println(message);
        System.exit(1);
    }

    static StackProps stackProps(DeploymentConfig config) {
        return StackProps.builder()
                .stackName(STACK_NAME)
                .description("Custom Labels Scheduler: starts and stops Rekognition Custom Labels models on "
                        + "schedules and on demand")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(config.regionIfConfigured().orElse(System.getenv("CDK_DEFAULT_REGION")))
                        .build())
                .build();
    }
}
