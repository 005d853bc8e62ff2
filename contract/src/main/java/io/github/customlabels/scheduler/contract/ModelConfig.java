package io.github.customlabels.scheduler.contract;

import java.util.Optional;

/**
 * A model this deployment may control, with its default units and the ceiling nobody may exceed.
 *
 * @param maxInferenceUnits the default auto-scaling maximum, or null for a fixed number of units
 */
public record ModelConfig(String name, ProjectVersionArn projectVersionArn, Optional<String> projectArn,
                          long minInferenceUnits, Long maxInferenceUnits, long inferenceUnitCeiling) {

    /** The ceiling of a model that names none: its own maximum, else its minimum; a start may never ask for more. */
    public static long defaultCeiling(long minInferenceUnits, Long maxInferenceUnits) {
        return maxInferenceUnits == null ? minInferenceUnits : Math.max(minInferenceUnits, maxInferenceUnits);
    }
}
