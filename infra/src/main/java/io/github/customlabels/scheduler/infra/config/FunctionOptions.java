package io.github.customlabels.scheduler.infra.config;

/**
 * How the Lambda function is sized and logged.
 *
 * @param reservedConcurrency null for the account's unreserved pool
 */
public record FunctionOptions(int memorySize, int timeoutSeconds, int logRetentionDays, boolean snapStart,
                              Integer reservedConcurrency) {

    /**
     * No reserved concurrency by default. Reserving is a cost cap (a runaway caller or a looping event source can
     * run at most that many copies), but Lambda keeps part of an account's concurrency unreserved (100 at the
     * usual limit of 1000, and all of a new account's limit of 10), so a new account cannot reserve any: a default
     * would fail the first deploy in exactly the accounts trying the tool out. Set function.reservedConcurrency
     * once the account's limit allows it.
     */
    static final FunctionOptions DEFAULTS = new FunctionOptions(1024, 60, 30, true, null);
}
