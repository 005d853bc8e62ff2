package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.util.Objects;
import software.amazon.awscdk.StackProps;

/**
 * What the scheduler stack is built from.
 *
 * @param functionPackage the function jar, which the stack packages with the configuration it writes
 */
public record SchedulerStackProps(StackProps stackProps, DeploymentConfig config, FunctionPackage functionPackage) {

    public SchedulerStackProps {
        Objects.requireNonNull(stackProps, "stackProps");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(functionPackage, "functionPackage");
    }
}
