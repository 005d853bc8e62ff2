package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Builds the scheduler stack from a context map, with a tiny stand-in for the function jar, in an app that has
 * cdk.json's feature flags: the tests synthesize what {@code cdk synth} does.
 */
public final class TestStacks {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";

    private static Path functionAsset;
    private static Map<String, Object> featureFlags;

    private TestStacks() {
    }

    public static Template template(Map<String, Object> context) {
        return Template.fromStack(stack(context));
    }

    public static SchedulerStack stack(Map<String, Object> context) {
        return stack(context, REGION);
    }

    public static SchedulerStack stack(Map<String, Object> context, String region) {
        return stack(app(), context, region);
    }

    public static SchedulerStack stack(App app, Map<String, Object> context, String region) {
        DeploymentConfig config = DeploymentConfig.parse(context);
        StackProps stackProps = StackProps.builder()
                .stackName(SchedulerApp.STACK_NAME)
                .env(Environment.builder().account(ACCOUNT).region(region).build())
                .build();
        return new SchedulerStack(app, SchedulerApp.STACK_NAME,
                new SchedulerStackProps(stackProps, config, functionPackage()));
    }

    /** An app with cdk.json's feature flags, as the CLI gives them to the app. */
    public static App app() {
        return new App(AppProps.builder().context(featureFlags()).build());
    }

    /** The stand-in jar, which the stack packages with its configuration document like the real one. */
    public static FunctionPackage functionPackage() {
        return new FunctionPackage(functionAsset());
    }

    /** cdk.json's whole "context": the example deployment and the CDK's feature flags. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Path cdkJson = Files.isRegularFile(Path.of("cdk.json")) ? Path.of("cdk.json") : Path.of("..", "cdk.json");
            return (Map<String, Object>) JsonReader.readObject(Files.readString(cdkJson)).get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cdk.json's context keys that are the CDK's own feature flags ("@aws-cdk/..."), not the deployment's. */
    static synchronized Map<String, Object> featureFlags() {
        if (featureFlags == null) {
            Map<String, Object> flags = new LinkedHashMap<>();
            cdkJsonContext().forEach((key, value) -> {
                if (key.startsWith("@aws-cdk")) {
                    flags.put(key, value);
                }
            });
            featureFlags = flags;
        }
        return featureFlags;
    }

    /** A one-entry zip: enough for the CDK to stage an asset, and nothing to build first. */
    static synchronized Path functionAsset() {
        if (functionAsset == null) {
            try {
                Path jar = Files.createTempFile("custom-labels-scheduler-test", ".jar");
                jar.toFile().deleteOnExit();
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                    ZipEntry placeholder = new ZipEntry("placeholder.txt");
                    // A fixed time, as the real jar's entries have: two synths of one commit stage the same asset.
                    placeholder.setTimeLocal(java.time.LocalDateTime.of(2026, 12, 1, 0, 0));
                    zip.putNextEntry(placeholder);
                    zip.write("stands in for the function jar in infra tests".getBytes());
                    zip.closeEntry();
                }
                functionAsset = jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return functionAsset;
    }
}
