package io.github.customlabels.scheduler.infra.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured model: the version the function may start and stop, and the units it runs with.
 *
 * @param projectArn null when not configured: the function then looks it up with DescribeProjects
 * @param maxInferenceUnits null when the model does not auto-scale by default
 * @param inferenceUnitCeiling the most units any command may ask for (resolved, never null)
 * @param idleStopMinutes null when the model is not stopped automatically when idle
 */
public record ModelConfig(
        String name,
        String projectVersionArn,
        String projectArn,
        long minInferenceUnits,
        Long maxInferenceUnits,
        long inferenceUnitCeiling,
        Integer idleStopMinutes) {

    /** The most inference units StartProjectVersion accepts. */
    public static final long MAX_INFERENCE_UNITS = 1L << 60;


    /** Rekognition's ProjectVersionArn pattern, with groups for the parts IAM and region checks need. */
    static final Pattern PROJECT_VERSION_ARN = Pattern.compile(
            "^arn:([a-z\\d-]+):rekognition:([a-z\\d-]+):(\\d{12}):project/([a-zA-Z0-9_.\\-]{1,255})"
                    + "/version/([a-zA-Z0-9_.\\-]{1,255})/([0-9]+)$");

    /** Rekognition's ProjectArn pattern. */
    static final Pattern PROJECT_ARN = Pattern.compile(
            "^arn:([a-z\\d-]+):rekognition:([a-z\\d-]+):(\\d{12}):project/([a-zA-Z0-9_.\\-]{1,255})/([0-9]+)$");

    public ModelConfig {
        Objects.requireNonNull(name, "name");
        if (!PROJECT_VERSION_ARN.matcher(Objects.requireNonNull(projectVersionArn, "projectVersionArn")).matches()) {
            throw new IllegalArgumentException("not a project version ARN: " + projectVersionArn);
        }
    }

    public Optional<String> projectArnIfConfigured() {
        return Optional.ofNullable(projectArn);
    }

    public Optional<Integer> idleStop() {
        return Optional.ofNullable(idleStopMinutes);
    }

    public String partition() {
        return versionArnPart(1);
    }

    public String region() {
        return versionArnPart(2);
    }

    public String account() {
        return versionArnPart(3);
    }

    public String projectName() {
        return versionArnPart(4);
    }

    /** The version's name: with the project name, the dimensions of the model's own CloudWatch metrics. */
    public String versionName() {
        return versionArnPart(5);
    }

    /**
     * What DescribeProjectVersions is allowed on when the project ARN is not configured: every project ARN
     * with this project's name, since its creation timestamp cannot be derived from the version ARN.
     */
    public String projectArnPattern() {
        return "arn:" + partition() + ":rekognition:" + region() + ":" + account() + ":project/" + projectName() + "/*";
    }

    /** The model as the function's MODELS variable describes it. */
    Map<String, Object> toEnvironmentJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("projectVersionArn", projectVersionArn);
        if (projectArn != null) {
            json.put("projectArn", projectArn);
        }
        json.put("minInferenceUnits", minInferenceUnits);
        if (maxInferenceUnits != null) {
            json.put("maxInferenceUnits", maxInferenceUnits);
        }
        json.put("inferenceUnitCeiling", inferenceUnitCeiling);
        return json;
    }

    private String versionArnPart(int group) {
        Matcher matcher = PROJECT_VERSION_ARN.matcher(projectVersionArn);
        if (!matcher.matches()) {
            throw new IllegalStateException("checked in the constructor");
        }
        return matcher.group(group);
    }
}
