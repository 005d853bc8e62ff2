package io.github.customlabels.scheduler.infra.config;

/**
 * How the Lambda function is sized and logged.
 *
 * @param reservedConcurrency null for the account's unreserved pool
 */
public record FunctionOptions(int memorySize, int timeoutSeconds, int logRetentionDays, boolean snapStart,
                              Integer reservedConcurrency) {

    static final FunctionOptions DEFAULTS = new FunctionOptions(1024, 60, 30, true, null);
}
