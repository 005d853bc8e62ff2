package io.github.customlabels.scheduler.telemetry;

import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.control.Outcome;
import io.github.customlabels.scheduler.json.JsonWriter;
import java.util.Locale;

/**
 * One log line per model action that is also a CloudWatch Embedded Metric Format document: the outcome
 * as a count (Started, AlreadyRunning, Stopped, AlreadyStopped, Reported, Planned, Refused, Failed) and
 * the time spent with Rekognition, per model. Written by hand: the format is small and fixed, and a
 * metrics library would cost more at cold start than the whole line.
 */
public final class ModelActionRecord {

    /** The CloudWatch namespace of the function's own metrics. */
    public static final String NAMESPACE = "CustomLabelsScheduler";
    /** The one dimension: which model. */
    public static final String MODEL_DIMENSION = "Model";
    public static final String LATENCY_METRIC = "RekognitionLatency";

    private ModelActionRecord() {
    }

    /** The metric name counting an outcome, e.g. {@code ALREADY_RUNNING} → {@code AlreadyRunning}. */
    public static String metricName(Outcome outcome) {
        StringBuilder name = new StringBuilder();
        for (String part : outcome.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** The line for one model's result. */
    public static String line(ModelResult result, long elapsedMillis, String trigger, String lambdaRequestId,
                              long timestampMillis) {
        String outcomeMetric = metricName(result.outcome());
        boolean calledRekognition = result.outcome() != Outcome.PLANNED;
        JsonWriter w = JsonWriter.create().beginObject();
        w.name("_aws").beginObject()
                .field("Timestamp", timestampMillis)
                .name("CloudWatchMetrics").beginArray().beginObject()
                .field("Namespace", NAMESPACE)
                .name("Dimensions").beginArray().beginArray().value(MODEL_DIMENSION).endArray().endArray()
                .name("Metrics").beginArray()
                .beginObject().field("Name", outcomeMetric).field("Unit", "Count").endObject();
        if (calledRekognition) {
            w.beginObject().field("Name", LATENCY_METRIC).field("Unit", "Milliseconds").endObject();
        }
        w.endArray().endObject().endArray().endObject();

        w.field("level", level(result.outcome()))
                .field("message", "model action")
                .field(MODEL_DIMENSION, result.model())
                .field(outcomeMetric, 1L);
        if (calledRekognition) {
            w.field(LATENCY_METRIC, elapsedMillis);
        }
        w.field("trigger", trigger)
                .field("action", result.action().wireName())
                .field("outcome", result.outcome().name())
                .field("durationMs", elapsedMillis)
                .field("requestId", lambdaRequestId);
        if (result instanceof ModelResult.Done done) {
            w.field("status", done.state().status())
                    .field("minInferenceUnits", done.state().minInferenceUnits())
                    .field("maxInferenceUnits", done.state().maxInferenceUnits())
                    .field("rekognitionRequestId", done.rekognitionRequestId());
        } else if (result instanceof ModelResult.Planned planned) {
            w.field("operation", planned.operation()).field("region", planned.region());
        } else if (result instanceof ModelResult.Refused refused) {
            w.field("status", refused.state().status()).field("reason", refused.reason());
        } else if (result instanceof ModelResult.Failed failed) {
            w.field("errorCode", failed.error().errorCode())
                    .field("errorKind", failed.error().kind().name())
                    .field("rekognitionRequestId", failed.error().requestId())
                    // Rekognition's own message helps the operator; it goes to the log, never to a caller.
                    .field("serviceMessage", failed.error().getMessage());
        }
        return w.endObject().toString();
    }

    private static String level(Outcome outcome) {
        return switch (outcome) {
            case FAILED -> "ERROR";
            case REFUSED -> "WARN";
            default -> "INFO";
        };
    }
}
