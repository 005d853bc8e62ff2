package io.github.customlabels.scheduler.contract;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command on the wire, as schedules, events, direct invokes and API bodies carry it to the function: its fields,
 * which of them each API body may hold, and the limits and patterns its values obey. The stack writes commands and
 * validates the configuration by these rules; the function reads commands by them.
 */
public final class CommandShape {

    public static final String ACTION = "action";
    public static final String MODEL = "model";
    public static final String MODELS = "models";
    public static final String PROJECT_VERSION_ARN = "projectVersionArn";
    public static final String MIN_INFERENCE_UNITS = "minInferenceUnits";
    public static final String MAX_INFERENCE_UNITS = "maxInferenceUnits";
    public static final String DRY_RUN = "dryRun";
    public static final String KEEP_RUNNING_UNTIL = "keepRunningUntil";
    public static final String SKIP_STARTS_UNTIL = "skipStartsUntil";
    /** The marker the stack's schedules put in their input: the schedule's name. */
    public static final String SCHEDULE = "schedule";

    /** Every field a command may carry. */
    public static final Set<String> FIELDS = Set.of(ACTION, MODEL, MODELS, PROJECT_VERSION_ARN, MIN_INFERENCE_UNITS,
            MAX_INFERENCE_UNITS, DRY_RUN, KEEP_RUNNING_UNTIL, SKIP_STARTS_UNTIL, SCHEDULE);
    /** The fields of a start's or stop's API body: the model and the action come from the route. */
    public static final Set<String> ACTION_BODY_FIELDS = Set.of(MIN_INFERENCE_UNITS, MAX_INFERENCE_UNITS, DRY_RUN);
    /** The fields of an override's API body. */
    public static final Set<String> OVERRIDE_BODY_FIELDS = Set.of(KEEP_RUNNING_UNTIL, SKIP_STARTS_UNTIL, DRY_RUN);
    /** The two ends of an override. */
    public static final List<String> OVERRIDE_FIELDS = List.of(KEEP_RUNNING_UNTIL, SKIP_STARTS_UNTIL);

    /** The most models one command may name: the function refuses a longer list, so synth refuses it first. */
    public static final int MAX_MODELS = 50;

    /** A configured model's name: also a path segment of the API and part of alarm and metric names. */
    public static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** A schedule's name as EventBridge Scheduler allows it. */
    public static final Pattern SCHEDULE_NAME = Pattern.compile("[0-9a-zA-Z_.-]{1,64}");

    /** What a body field holds: API Gateway's request models validate it by this, the function reads it so. */
    public enum FieldType {
        /** A whole number of inference units, 1 to {@link InferenceUnits#MAX}. */
        UNITS,
        /** true or false. */
        FLAG,
        /** An ISO-8601 date and time with an offset (or Z), e.g. 2026-12-01T22:00:00+01:00. */
        TIME
    }

    /** {@link FieldType#TIME} as a regular expression: what java.time's ISO_OFFSET_DATE_TIME reads. */
    public static final String OFFSET_DATE_TIME =
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)$";

    private CommandShape() {
    }

    /** The type of a field of an API body. */
    public static FieldType typeOf(String bodyField) {
        return switch (bodyField) {
            case MIN_INFERENCE_UNITS, MAX_INFERENCE_UNITS -> FieldType.UNITS;
            case DRY_RUN -> FieldType.FLAG;
            case KEEP_RUNNING_UNTIL, SKIP_STARTS_UNTIL -> FieldType.TIME;
            default -> throw new IllegalArgumentException("not a field of an API body: " + bodyField);
        };
    }

    public static boolean isModelName(String name) {
        return name != null && MODEL_NAME.matcher(name).matches();
    }

    public static boolean isScheduleName(String name) {
        return name != null && SCHEDULE_NAME.matcher(name).matches();
    }
}
