package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** The app reads its configuration through CDK context, as the CLI passes cdk.json's "context" to it. */
class SchedulerAppTest {

    @Test
    void readsTheSameConfigurationThroughCdkContext() {
        Map<String, Object> context = TestConfigs.example();
        context.put("region", "eu-west-1");
        context.put("function", TestConfigs.map("memorySize", 512, "snapStart", false));
        context.put("api", TestConfigs.map("throttlingRateLimit", 2.5));
        App app = new App(AppProps.builder().context(context).build());

        DeploymentConfig throughCdk = DeploymentConfig.fromContext(app.getNode()::tryGetContext);

        assertEquals(DeploymentConfig.parse(context), throughCdk);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> shippedContext() throws IOException {
        Path cdkJson = Files.isRegularFile(Path.of("cdk.json")) ? Path.of("cdk.json") : Path.of("..", "cdk.json");
        return (Map<String, Object>) JsonReader.readObject(Files.readString(cdkJson)).get("context");
    }

    @Test
    void checksEveryStackOfTheAppWithAwsSolutionsRules() {
        App app = new App();

        SchedulerApp.checkAwsSolutions(app);

        assertEquals(List.of(AwsSolutionsChecks.class),
                Aspects.of(app).getAll().stream().map(Object::getClass).toList());
    }

    /** cdk.json is the README's example and what `cdk synth` runs on: it must stay valid and nag-clean. */
    @Test
    void synthesizesTheShippedCdkJson() throws IOException {
        Map<String, Object> context = shippedContext();

        DeploymentConfig config = DeploymentConfig.parse(context);
        SchedulerStack stack = TestStacks.stack(context, config.region());
        SchedulerApp.checkAwsSolutions(stack);

        assertEquals(List.of("defects", "logos"), List.copyOf(config.models().keySet()));
        assertEquals(List.of("logos"), config.schedules().get(2).command().models());
        assertEquals(60, config.models().get("defects").idleStopMinutes());
        assertEquals(List.of(), Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    }

    @Test
    void deploysToTheConfiguredRegion() {
        Map<String, Object> context = TestConfigs.example();
        context.put("region", "eu-west-1");

        DeploymentConfig config = DeploymentConfig.parse(context);

        assertEquals("eu-west-1", SchedulerApp.stackProps(config).getEnv().getRegion());
        assertEquals(SchedulerApp.STACK_NAME, SchedulerApp.stackProps(config).getStackName());
    }
}
