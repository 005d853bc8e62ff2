package io.github.customlabels.scheduler.infra.config;

import io.github.customlabels.scheduler.contract.Action;
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
        return action.wireName() + " " + String.join(", ", models) + units();
    }

    /**
     * {@link #describe()} within {@code maxLength} characters, {@code suffix} included: as many model names as fit,
     * then how many more, so a text the stack generates never passes a field's limit.
     */
    public String describe(String suffix, int maxLength) {
        String full = describe() + suffix;
        if (full.length() <= maxLength) {
            return full;
        }
        for (int shown = models.size() - 1; shown >= 0; shown--) {
            String text = action.wireName() + " " + models.size() + " models ("
                    + String.join(", ", models.subList(0, shown)) + (shown == 0 ? "" : ", ") + "and "
                    + (models.size() - shown) + " more)" + units() + suffix;
            if (text.length() <= maxLength) {
                return text;
            }
        }
        String shortest = action.wireName() + " " + models.size() + " models" + units() + suffix;
        return shortest.length() <= maxLength ? shortest : shortest.substring(0, maxLength);
    }

    /** The compact JSON the function parses: {@code {"action":...,"models":[...],"minInferenceUnits"?,"maxInferenceUnits"?}}. */
    public String toJson() {
        return Json.write(fields());
    }

    /**
     * The input of the schedule named {@code schedule}: the command with the schedule's name as its marker, by which
     * the function tells a schedule's start or stop (which a person's override may skip) from a person's.
     */
    public String scheduleInput(String schedule) {
        Map<String, Object> json = fields();
        json.put("schedule", schedule);
        return Json.write(json);
    }

    private Map<String, Object> fields() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", action.wireName());
        json.put("models", models);
        if (minInferenceUnits != null) {
            json.put("minInferenceUnits", minInferenceUnits);
        }
        if (maxInferenceUnits != null) {
            json.put("maxInferenceUnits", maxInferenceUnits);
        }
        return json;
    }

    private String units() {
        if (minInferenceUnits == null && maxInferenceUnits == null) {
            return "";
        }
        return " (" + (minInferenceUnits == null ? "min" : minInferenceUnits) + ".."
                + (maxInferenceUnits == null ? "max" : maxInferenceUnits) + " units)";
    }
}
