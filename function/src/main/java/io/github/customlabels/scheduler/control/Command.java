package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ModelConfig;
import java.util.List;

/**
 * A validated command: every target is a configured model with the units it will be started with.
 *
 * @param override for action override: the ends to set, each in the future and within the deployment's maximum
 * @param origin who sent it; overrides govern the starts and stops of schedules and idle stops
 */
public record Command(Action action, List<Target> targets, boolean dryRun, ModelOverride override, Origin origin) {

    public Command {
        targets = List.copyOf(targets);
        origin = origin == null ? Origin.PERSON : origin;
    }

    /** A person's command. */
    public Command(Action action, List<Target> targets, boolean dryRun) {
        this(action, targets, dryRun, null, Origin.PERSON);
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

    /** The same command as a dry run. */
    public Command asDryRun() {
        return new Command(action, targets, true, override, origin);
    }
}
