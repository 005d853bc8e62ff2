package io.github.customlabels.scheduler.contract;

import java.util.Locale;

/**
 * The function's CloudWatch metrics, as its log lines (Embedded Metric Format) publish them and the stack's alarms
 * and dashboard read them: one namespace, one dimension, and a name per measure.
 */
public final class Metrics {

    /** The CloudWatch namespace of the function's own metrics. */
    public static final String NAMESPACE = "CustomLabelsScheduler";
    /** The one dimension: which model. */
    public static final String MODEL_DIMENSION = "Model";
    /** The time spent with Rekognition for one model's action, in milliseconds. */
    public static final String LATENCY_METRIC = "RekognitionLatency";
    /** The count of scheduled and idle actions left undone for an override, per model. */
    public static final String SKIPPED_BY_OVERRIDE_METRIC = metricName(Outcome.SKIPPED_BY_OVERRIDE);
    /** Minutes from a start to the check that saw the model RUNNING, per model. */
    public static final String MINUTES_TO_RUNNING = "MinutesToRunning";
    /** One per start that ended FAILED, was not RUNNING in time, or could not be followed up; per model and overall. */
    public static final String START_VERIFICATION_FAILED = "StartVerificationFailed";
    /** The message of the verification log lines, so that one filter (and the alarm's description) finds them. */
    public static final String MESSAGE_VERIFIED = "start verified";
    public static final String MESSAGE_NOT_VERIFIED = "start not verified";

    private Metrics() {
    }

    /** The metric name counting an outcome, e.g. {@code ALREADY_RUNNING} → {@code AlreadyRunning}. */
    public static String metricName(Outcome outcome) {
        StringBuilder name = new StringBuilder();
        for (String part : outcome.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
