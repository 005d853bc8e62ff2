package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.util.Objects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What the scheduler stack is built from.
 *
 * @param functionCode the function's jar; tests pass a small stand-in so they do not need the real build
 */
public record SchedulerStackProps(StackProps stackProps, DeploymentConfig config, Code functionCode) {

    public SchedulerStackProps {
        Objects.requireNonNull(stackProps, "stackProps");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(functionCode, "functionCode");
    }
}
