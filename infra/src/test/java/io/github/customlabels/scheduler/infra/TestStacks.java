package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** Builds the scheduler stack from a context map, with a tiny stand-in for the function jar. */
public final class TestStacks {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";

    private static Path functionAsset;

    private TestStacks() {
    }

    public static Template template(Map<String, Object> context) {
        return Template.fromStack(stack(context));
    }

    public static SchedulerStack stack(Map<String, Object> context) {
        return stack(context, REGION);
    }

    public static SchedulerStack stack(Map<String, Object> context, String region) {
        DeploymentConfig config = DeploymentConfig.parse(context);
        StackProps stackProps = StackProps.builder()
                .stackName(SchedulerApp.STACK_NAME)
                .env(Environment.builder().account(ACCOUNT).region(region).build())
                .build();
        return new SchedulerStack(new App(), SchedulerApp.STACK_NAME,
                new SchedulerStackProps(stackProps, config, Code.fromAsset(functionAsset().toString())));
    }

    /** A one-entry zip: enough for the CDK to stage an asset, and nothing to build first. */
    static synchronized Path functionAsset() {
        if (functionAsset == null) {
            try {
                Path jar = Files.createTempFile("custom-labels-scheduler-test", ".jar");
                jar.toFile().deleteOnExit();
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                    zip.putNextEntry(new ZipEntry("placeholder.txt"));
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
