package io.github.customlabels.scheduler.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's override of the schedules for one model, kept as tags on the model version itself, so it survives
 * deploys and container restarts and needs nothing to run. Either end may be absent (null).
 *
 * @param keepRunningUntil until then, scheduled and idle stops leave the model running
 * @param skipStartsUntil until then, scheduled starts leave the model stopped
 */
public record ModelOverride(Instant keepRunningUntil, Instant skipStartsUntil) {

    /** No override. */
    public static final ModelOverride NONE = new ModelOverride(null, null);

    /** The tag that holds {@link #keepRunningUntil}, an ISO-8601 instant in UTC (Rekognition allows ':' in values). */
    public static final String KEEP_RUNNING_TAG = "custom-labels-scheduler:keep-running-until";
    /** The tag that holds {@link #skipStartsUntil}. */
    public static final String SKIP_STARTS_TAG = "custom-labels-scheduler:skip-starts-until";
    /** Both tags: what a cancel removes. */
    public static final List<String> TAGS = List.of(KEEP_RUNNING_TAG, SKIP_STARTS_TAG);

    public ModelOverride {
        // Whole seconds: the tag reads as a person wrote it, and a fraction of a second changes nothing.
        keepRunningUntil = keepRunningUntil == null ? null : keepRunningUntil.truncatedTo(ChronoUnit.SECONDS);
        skipStartsUntil = skipStartsUntil == null ? null : skipStartsUntil.truncatedTo(ChronoUnit.SECONDS);
    }

    public boolean isEmpty() {
        return keepRunningUntil == null && skipStartsUntil == null;
    }

    /** What is still in force at {@code now}: an end that has passed is no override, whether or not its tag remains. */
    public ModelOverride inForceAt(Instant now) {
        return new ModelOverride(after(keepRunningUntil, now), after(skipStartsUntil, now));
    }

    /** The override read back from a model's tags; a value that is not an instant (edited by hand) counts as absent. */
    public static ModelOverride fromTags(Map<String, String> tags) {
        return new ModelOverride(instant(tags.get(KEEP_RUNNING_TAG)), instant(tags.get(SKIP_STARTS_TAG)));
    }

    /** The tags that hold the ends this override has. */
    public Map<String, String> toTags() {
        Map<String, String> tags = new HashMap<>();
        if (keepRunningUntil != null) {
            tags.put(KEEP_RUNNING_TAG, keepRunningUntil.toString());
        }
        if (skipStartsUntil != null) {
            tags.put(SKIP_STARTS_TAG, skipStartsUntil.toString());
        }
        return tags;
    }

    /** The tags of the ends this override does not have: a new override replaces the old one whole. */
    public List<String> absentTags() {
        return TAGS.stream().filter(tag -> !toTags().containsKey(tag)).toList();
    }

    private static Instant after(Instant end, Instant now) {
        return end != null && end.isAfter(now) ? end : null;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
