package io.github.customlabels.scheduler.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

/**
 * What the function's role may do in Rekognition: start and stop the configured versions and keep their overrides
 * in tags on them, describe their projects, and look project ARNs up by name where one is not configured. Nothing wider unless a size limit forces it.
 *
 * <p>One statement per resource: the CDK merges them (the minimizePolicies flag in cdk.json) and splits the role's
 * policy into managed policies of at most 6,144 characters each once it passes the 10,240 IAM allows a role's
 * inline policies together, so 100 models fit with their exact version ARNs.
 */
final class RekognitionPermissions {

    /**
     * The characters of Rekognition resources the role may carry, below what its inline policy (10,240) and the 10
     * managed policies IAM attaches to a role by default (6,144 each) hold, with room for the statements' own text
     * and the splitting's unused ends. At about 180 characters per model, some 270 models fit with exact ARNs.
     */
    static final int MAX_RESOURCE_CHARACTERS = 48_000;

    /** A resource's quotes and comma in the policy, beside its own characters. */
    private static final int PER_RESOURCE_OVERHEAD = 3;

    private final Role role;
    private final List<ModelConfig> models;

    RekognitionPermissions(Role role, List<ModelConfig> models) {
        this.role = role;
        this.models = List.copyOf(models);
    }

    void grant() {
        List<String> versions = distinct(ModelConfig::projectVersionArn);
        List<String> projects = distinct(model -> model.projectArnIfConfigured().orElse(model.projectArnPattern()));
        List<NagPackSuppression> wildcards = new ArrayList<>();
        if (characters(versions) + characters(projects) > MAX_RESOURCE_CHARACTERS) {
            // Exact version ARNs no longer fit in the policies IAM lets a role have. Start and stop widen to every
            // version of the configured projects, never further: other projects, accounts and regions stay out.
            versions = distinct(ModelConfig::projectVersionsPattern);
            versions.forEach(pattern -> wildcards.add(suppression(pattern, "The exact version ARNs of the "
                    + models.size() + " configured models do not fit in the IAM policies one role may have (an "
                    + "inline policy of 10,240 characters and 10 managed policies of 6,144); start and stop are "
                    + "granted on the versions of the configured projects instead, and the function still only acts "
                    + "on configured versions.")));
        }
        if (characters(versions) + characters(projects) > MAX_RESOURCE_CHARACTERS) {
            throw new ConfigException(List.of("models: the function's role would need about "
                    + (characters(versions) + characters(projects)) + " characters of IAM policy for "
                    + models.size() + " models, more than the " + MAX_RESOURCE_CHARACTERS + " that fit in the "
                    + "policies IAM attaches to one role (an inline policy of 10,240 characters and 10 managed "
                    + "policies of 6,144); configure fewer models, or keep versions in fewer projects"));
        }
        versions.forEach(resource -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                // The tagging actions are where overrides live: the same exact versions, in the same statement, so
                // the policy grows by three action names, not by a statement per model.
                .actions(List.of("rekognition:StartProjectVersion", "rekognition:StopProjectVersion",
                        "rekognition:TagResource", "rekognition:UntagResource", "rekognition:ListTagsForResource"))
                .resources(List.of(resource))
                .build()));
        projects.forEach(resource -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("rekognition:DescribeProjectVersions"))
                .resources(List.of(resource))
                .build()));
        models.stream()
                .filter(model -> model.projectArnIfConfigured().isEmpty())
                .map(ModelConfig::projectArnPattern)
                .distinct().sorted()
                .forEach(pattern -> wildcards.add(suppression(pattern, "DescribeProjectVersions takes the project "
                        + "ARN, whose trailing creation timestamp cannot be derived from the configured version ARN. "
                        + "The wildcard covers only that timestamp: projects of this one name, in this account and "
                        + "region, read-only. Configuring the model's projectArn removes it.")));
        if (models.stream().anyMatch(model -> model.projectArnIfConfigured().isEmpty())) {
            // DescribeProjects has no resource-level permission (it takes project names, not ARNs), so it can only
            // be granted on "*". It is read-only, and only granted when a model's project ARN must be looked up.
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("rekognition:DescribeProjects"))
                    .resources(List.of("*"))
                    .build());
            wildcards.add(suppression("*", "rekognition:DescribeProjects takes project names, not a project ARN, "
                    + "and has no resource-level permission to scope it with, so IAM only accepts \"*\". It is "
                    + "read-only, and granted only while some model has no configured projectArn, to look that "
                    + "project's ARN up by name."));
        }
        if (!wildcards.isEmpty()) {
            // On the stack: the CDK moves statements into managed policies it creates at synth, after this runs, so
            // a suppression on the role's present children would miss them. appliesTo keeps each suppression to the
            // exact resource string above, so any other wildcard anywhere is still reported.
            NagSuppressions.addStackSuppressions(Stack.of(role), wildcards, true);
        }
    }

    private List<String> distinct(Function<ModelConfig, String> resource) {
        return models.stream().map(resource).distinct().sorted().toList();
    }

    private static int characters(List<String> resources) {
        return resources.stream().mapToInt(resource -> resource.length() + PER_RESOURCE_OVERHEAD).sum();
    }

    private static NagPackSuppression suppression(String resource, String reason) {
        return NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(reason)
                .appliesTo(List.of("Resource::" + resource))
                .build();
    }
}
