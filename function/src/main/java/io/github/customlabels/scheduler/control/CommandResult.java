package io.github.customlabels.scheduler.control;

import java.util.List;

/** The results of a command, one per model, in the command's order. */
public record CommandResult(Action action, boolean dryRun, List<ModelResult> results) {

    public CommandResult {
        results = List.copyOf(results);
    }

    /** True when every model's action happened or was not needed. */
    public boolean succeeded() {
        return results.stream().allMatch(ModelResult::succeeded);
    }

    /** The models whose action did not happen. */
    public List<String> failedModels() {
        return results.stream().filter(r -> !r.succeeded()).map(ModelResult::model).toList();
    }
}
