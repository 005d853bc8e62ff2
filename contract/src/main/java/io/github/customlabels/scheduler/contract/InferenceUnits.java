package io.github.customlabels.scheduler.contract;

/**
 * The product's one bound for inference units, shared by the function (commands, API bodies) and the stack
 * (configuration). Rekognition's documentation allows up to 2^60, but its API model, and so the SDK's
 * {@code StartProjectVersionRequest}, carries {@code MinInferenceUnits} and {@code MaxInferenceUnits} as 32-bit
 * integers: a larger value could never be sent. The bill (per unit, per hour) runs out long before either bound.
 */
public final class InferenceUnits {

    /** The fewest units a model runs with. */
    public static final long MIN = 1;
    /** The most units any command or configuration may name: the SDK's field is an {@code Integer}. */
    public static final long MAX = Integer.MAX_VALUE;

    private InferenceUnits() {
    }

    /** True when {@code units} is within {@link #MIN}..{@link #MAX}. */
    public static boolean isValid(long units) {
        return units >= MIN && units <= MAX;
    }
}
