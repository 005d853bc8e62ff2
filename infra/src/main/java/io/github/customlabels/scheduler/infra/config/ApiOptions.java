package io.github.customlabels.scheduler.infra.config;

/** The REST API's stage and its throttling. */
public record ApiOptions(String stageName, double throttlingRateLimit, int throttlingBurstLimit) {

    static final ApiOptions DEFAULTS = new ApiOptions("prod", 5, 10);
}
