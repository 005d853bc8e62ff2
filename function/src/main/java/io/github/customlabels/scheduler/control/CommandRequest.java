package io.github.customlabels.scheduler.control;

import java.util.List;

/**
 * A command as a caller wrote it, already checked for JSON types and the service's bounds but not yet
 * against this deployment's models and ceilings.
 *
 * @param action the action; null means start
 * @param models model names (from {@code model} or {@code models}); empty when none was named
 * @param projectVersionArn a version ARN given instead of a model name, or null
 */
public record CommandRequest(Action action, List<String> models, String projectVersionArn,
                             Long minInferenceUnits, Long maxInferenceUnits, boolean dryRun) {

    public CommandRequest {
        models = List.copyOf(models);
    }

    /** A request for one named model. */
    public static CommandRequest forModel(Action action, String model, Long min, Long max, boolean dryRun) {
        return new CommandRequest(action, List.of(model), null, min, max, dryRun);
    }

    /** An action on these models with their configured units, for real. */
    public static CommandRequest forModels(Action action, List<String> models) {
        return new CommandRequest(action, models, null, null, null, false);
    }
}
