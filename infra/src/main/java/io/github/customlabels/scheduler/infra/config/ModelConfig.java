package io.github.customlabels.scheduler.infra.config;

import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured model: what the function controls (the contract's {@code ModelConfig}, which the stack
 * writes into the function's configuration document), and what only the stack acts on (idle stop).
 *
 * @param function the model as the function reads it: version ARN, project ARN if known, default units and ceiling
 * @param idleStopMinutes null when the model is not stopped automatically when idle
 */
public record ModelConfig(io.github.customlabels.scheduler.contract.ModelConfig function, Integer idleStopMinutes) {

    public ModelConfig {
        Objects.requireNonNull(function, "function");
    }

    public String name() {
        return function.name();
    }

    public String projectVersionArn() {
        return function.projectVersionArn().value();
    }

    public Optional<String> projectArnIfConfigured() {
        return function.projectArn();
    }

    public long minInferenceUnits() {
        return function.minInferenceUnits();
    }

    public Long maxInferenceUnits() {
        return function.maxInferenceUnits();
    }

    public long inferenceUnitCeiling() {
        return function.inferenceUnitCeiling();
    }

    public Optional<Integer> idleStop() {
        return Optional.ofNullable(idleStopMinutes);
    }

    public String region() {
        return arn().region();
    }

    public String projectName() {
        return arn().projectName();
    }

    /** The version's name: with the project name, the dimensions of the model's own CloudWatch metrics. */
    public String versionName() {
        return arn().versionName();
    }

    /**
     * What DescribeProjectVersions is allowed on when the project ARN is not configured: every project ARN
     * with this project's name, since its creation timestamp cannot be derived from the version ARN.
     */
    public String projectArnPattern() {
        return projectPrefix() + "*";
    }

    /** Every version of this model's project: what start and stop are widened to only where IAM's size limits force it. */
    public String projectVersionsPattern() {
        return projectPrefix() + "version/*";
    }

    /** {@code arn:<partition>:rekognition:<region>:<account>:project/<name>/}, which a project ARN of this model starts with. */
    String projectPrefix() {
        ProjectVersionArn arn = arn();
        return "arn:" + arn.partition() + ":rekognition:" + arn.region() + ":" + arn.account() + ":project/"
                + arn.projectName() + "/";
    }

    private ProjectVersionArn arn() {
        return function.projectVersionArn();
    }
}
