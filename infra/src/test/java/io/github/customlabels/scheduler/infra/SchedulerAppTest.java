package io.github.customlabels.scheduler.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;

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

    @Test
    void checksEveryStackOfTheAppWithAwsSolutionsRules() {
        App app = new App();

        SchedulerApp.checkAwsSolutions(app);

        assertEquals(List.of(AwsSolutionsChecks.class),
                Aspects.of(app).getAll().stream().map(Object::getClass).toList());
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
