package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import java.util.List;

/**
 * The results of a command, one per model, in the command's order.
 *
 * @param elapsedMillis how long each model's action took, aligned with {@code results}
 */
public record CommandResult(Action action, boolean dryRun, List<ModelResult> results, List<Long> elapsedMillis) {

    public CommandResult {
        results = List.copyOf(results);
        elapsedMillis = List.copyOf(elapsedMillis);
        if (elapsedMillis.size() != results.size()) {
            throw new IllegalArgumentException("one duration per result");
        }
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
