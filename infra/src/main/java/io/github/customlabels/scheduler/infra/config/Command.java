package io.github.customlabels.scheduler.infra.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command as the function receives it from a schedule or as its default.
 *
 * @param minInferenceUnits null to use each model's configured minimum
 * @param maxInferenceUnits null to use each model's configured maximum, if any
 */
public record Command(Action action, List<String> models, Long minInferenceUnits, Long maxInferenceUnits) {

    public Command {
        Objects.requireNonNull(action, "action");
        models = List.copyOf(models);
    }

    /** What the command does, for people: {@code start defects, logos (1..4 units)}. */
    public String describe() {
        String units = "";
        if (minInferenceUnits != null || maxInferenceUnits != null) {
            units = " (" + (minInferenceUnits == null ? "min" : minInferenceUnits) + ".."
                    + (maxInferenceUnits == null ? "max" : maxInferenceUnits) + " units)";
        }
        return action.value() + " " + String.join(", ", models) + units;
    }

    /** The compact JSON the function parses: {@code {"action":...,"models":[...],"minInferenceUnits"?,"maxInferenceUnits"?}}. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", action.value());
        json.put("models", models);
        if (minInferenceUnits != null) {
            json.put("minInferenceUnits", minInferenceUnits);
        }
        if (maxInferenceUnits != null) {
            json.put("maxInferenceUnits", maxInferenceUnits);
        }
        return Json.write(json);
    }
}
