package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import java.util.List;

/**
 * A command as a caller wrote it, already checked for JSON types and the service's bounds but not yet
 * against this deployment's models and ceilings.
 *
 * @param action the action; null means start
 * @param models model names (from {@code model} or {@code models}); empty when none was named
 * @param projectVersionArn a version ARN given instead of a model name, or null
 * @param override for action override: the ends asked for, not yet checked against the clock; else null
 * @param origin who sent the command: a schedule or an idle stop follows overrides, a person does not
 */
public record CommandRequest(Action action, List<String> models, String projectVersionArn,
                             Long minInferenceUnits, Long maxInferenceUnits, boolean dryRun,
                             ModelOverride override, Origin origin) {

    public CommandRequest {
        models = List.copyOf(models);
        origin = origin == null ? Origin.PERSON : origin;
    }

    /** A person's request without an override. */
    public CommandRequest(Action action, List<String> models, String projectVersionArn, Long minInferenceUnits,
                          Long maxInferenceUnits, boolean dryRun) {
        this(action, models, projectVersionArn, minInferenceUnits, maxInferenceUnits, dryRun, null, Origin.PERSON);
    }

    /** A request for one named model. */
    public static CommandRequest forModel(Action action, String model, Long min, Long max, boolean dryRun) {
        return new CommandRequest(action, List.of(model), null, min, max, dryRun);
    }

    /** An action on these models with their configured units, for real. */
    public static CommandRequest forModels(Action action, List<String> models) {
        return new CommandRequest(action, models, null, null, null, false);
    }

    /** The same request, sent by {@code origin}. */
    public CommandRequest from(Origin origin) {
        return new CommandRequest(action, models, projectVersionArn, minInferenceUnits, maxInferenceUnits, dryRun,
                override, origin);
    }
}
