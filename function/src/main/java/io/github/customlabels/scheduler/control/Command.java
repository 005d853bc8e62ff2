package io.github.customlabels.scheduler.control;

import java.util.List;

/** A validated command: every target is a configured model with the units it will be started with. */
public record Command(Action action, List<Target> targets, boolean dryRun) {

    public Command {
        targets = List.copyOf(targets);
    }

    /**
     * One model of a command.
     *
     * @param minInferenceUnits for start: the units to start with; null for other actions
     * @param maxInferenceUnits for start: the auto-scaling maximum, or null for none
     */
    public record Target(ModelConfig model, Long minInferenceUnits, Long maxInferenceUnits) {
    }

    /** The names of the targeted models, in order. */
    public List<String> modelNames() {
        return targets.stream().map(t -> t.model().name()).toList();
    }
}
