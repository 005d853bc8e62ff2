package io.github.customlabels.scheduler.infra.config;

import io.github.customlabels.scheduler.contract.VerificationSettings;

/**
 * How a start is followed up (cdk.json {@code verification}): the wait to the first check, the wait between checks,
 * and the time by which the model must be RUNNING, in minutes.
 */
public record VerificationOptions(int firstCheckMinutes, int checkEveryMinutes, int timeoutMinutes) {

    /** The function's own defaults, so a deployment without the key behaves as the function alone does. */
    static final VerificationOptions DEFAULTS = new VerificationOptions(
            VerificationSettings.DEFAULT_FIRST_CHECK_MINUTES, VerificationSettings.DEFAULT_CHECK_EVERY_MINUTES,
            VerificationSettings.DEFAULT_TIMEOUT_MINUTES);
}
