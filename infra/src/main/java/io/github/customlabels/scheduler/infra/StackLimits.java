package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * CloudFormation's limits per stack, checked at synth so that a configuration past them fails with the product's
 * message instead of at deploy: 500 resources per stack, and 1 MB of template.
 */
final class StackLimits {

    static final int MAX_RESOURCES = 500;
    /** CloudFormation's 1 MB for a template in S3, written as a round 1,000,000 bytes to keep a margin. */
    static final long MAX_TEMPLATE_BYTES = 1_000_000;

    /** The CDK adds its metadata resource to each stack at synth, after this check has counted. */
    private static final int METADATA_RESOURCES = 1;

    private StackLimits() {
    }

    /** Throws {@link ConfigException} naming each stack that would pass 500 resources, and what to change. */
    static void check(Stack stack, Stack schedulesStack, DeploymentConfig config) {
        List<String> problems = new ArrayList<>();
        int schedules = resources(schedulesStack);
        if (schedules > MAX_RESOURCES) {
            problems.add("schedules: " + config.schedules().size() + " schedules need " + schedules
                    + " resources in the nested stack that holds them, above CloudFormation's " + MAX_RESOURCES
                    + " per stack; combine schedules with the same cron and timezone into one (a schedule's "
                    + "command names up to 50 models), to at most " + maxSchedules(config, schedules));
        }
        int own = resources(stack);
        if (own > MAX_RESOURCES) {
            problems.add("models: the stack needs " + own + " resources, above CloudFormation's " + MAX_RESOURCES
                    + "; most are the " + config.idleStopModels().size() + " idle-stop alarms (models with "
                    + "idleStopMinutes, one alarm each and, while they fit in the function's resource policy, one "
                    + "permission each); remove idleStopMinutes from " + (own - MAX_RESOURCES) + " or more models");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** The resources CloudFormation will count in {@code stack}: its own, not those of stacks nested in it. */
    static int resources(Stack stack) {
        int count = 0;
        for (IConstruct construct : stack.getNode().findAll()) {
            if (CfnResource.isCfnResource(construct) && Stack.of(construct) == stack) {
                count++;
            }
        }
        return count + METADATA_RESOURCES;
    }

    /**
     * Every template of a synthesized assembly (the stack's and its nested stacks') above CloudFormation's size,
     * as the product's messages; empty when all fit.
     */
    static List<String> templateProblems(Path assembly) {
        try (Stream<Path> files = Files.list(assembly)) {
            List<String> problems = new ArrayList<>();
            for (Path template : files.filter(file -> file.getFileName().toString().endsWith(".template.json"))
                    .sorted().toList()) {
                long bytes = Files.size(template);
                if (bytes > MAX_TEMPLATE_BYTES) {
                    problems.add("schedules: the template " + template.getFileName() + " is " + bytes + " bytes, above "
                            + "the " + MAX_TEMPLATE_BYTES + " CloudFormation accepts (1 MB); most of it is the "
                            + "schedules, so combine schedules with the same cron and timezone, shorten their "
                            + "descriptions, or name fewer models in each");
                }
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the synthesized templates in " + assembly, e);
        }
    }

    private static int maxSchedules(DeploymentConfig config, int resources) {
        int perStack = resources - config.schedules().size();
        return MAX_RESOURCES - perStack;
    }
}
