package io.github.customlabels.scheduler.infra.config;

import java.util.Set;

/**
 * How the Lambda function is sized and logged.
 *
 * @param reservedConcurrency null for the account's unreserved pool
 */
public record FunctionOptions(int memorySize, int timeoutSeconds, int logRetentionDays, boolean snapStart,
                              Integer reservedConcurrency) {

    /** The retention periods CloudWatch Logs accepts, in days. */
    public static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120,
            150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /**
     * No reserved concurrency by default. Reserving is a cost cap (a runaway caller or a looping event source can
     * run at most that many copies), but Lambda keeps part of an account's concurrency unreserved (100 at the
     * usual limit of 1000, and all of a new account's limit of 10), so a new account cannot reserve any: a default
     * would fail the first deploy in exactly the accounts trying the tool out. Set function.reservedConcurrency
     * once the account's limit allows it.
     */
    static final FunctionOptions DEFAULTS = new FunctionOptions(1024, 60, 30, true, null);
}
