package io.github.customlabels.scheduler.infra.config;

import java.util.List;
import java.util.Objects;

/**
 * The REST API's stage, its throttling and the optional locks on top of IAM authorization.
 *
 * @param allowedPrincipals IAM role and user ARNs; when not empty, the API's resource policy lets only them invoke it
 * @param apiKeyRequired when true, every method also needs an API key, under a usage plan with the stage throttling
 */
public record ApiOptions(String stageName, double throttlingRateLimit, int throttlingBurstLimit,
                         List<String> allowedPrincipals, boolean apiKeyRequired) {

    static final ApiOptions DEFAULTS = new ApiOptions("prod", 5, 10, List.of(), false);

    public ApiOptions {
        Objects.requireNonNull(stageName, "stageName");
        allowedPrincipals = List.copyOf(allowedPrincipals);
    }
}
