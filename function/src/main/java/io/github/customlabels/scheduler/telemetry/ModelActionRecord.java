package io.github.customlabels.scheduler.telemetry;

import static io.github.customlabels.scheduler.contract.Metrics.LATENCY_METRIC;
import static io.github.customlabels.scheduler.contract.Metrics.MODEL_DIMENSION;
import static io.github.customlabels.scheduler.contract.Metrics.NAMESPACE;
import static io.github.customlabels.scheduler.contract.Metrics.metricName;

import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.ModelOverride;
import io.github.customlabels.scheduler.control.ModelResult;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * One log line per model action that is also a CloudWatch Embedded Metric Format document: the outcome
 * as a count (Started, AlreadyRunning, Stopped, AlreadyStopped, NotRunning, SkippedByOverride, OverrideSet,
 * OverrideCancelled, Reported, Planned, Refused, Failed) and
 * the time spent with Rekognition, per model. Written with the SDK's JSON writer: the format is small and fixed,
 * and a metrics library would cost more at cold start than the whole line.
 */
public final class ModelActionRecord {

    private ModelActionRecord() {
    }

    /** The line for one model's result. */
    public static String line(ModelResult result, long elapsedMillis, String trigger, String lambdaRequestId,
                              long timestampMillis) {
        String outcomeMetric = metricName(result.outcome());
        boolean calledRekognition = result.outcome() != Outcome.PLANNED;
        JsonWriter w = JsonWriter.create().writeStartObject();
        w.writeFieldName("_aws").writeStartObject()
                .writeFieldName("Timestamp").writeValue(timestampMillis)
                .writeFieldName("CloudWatchMetrics").writeStartArray().writeStartObject()
                .writeFieldName("Namespace").writeValue(NAMESPACE)
                .writeFieldName("Dimensions").writeStartArray().writeStartArray().writeValue(MODEL_DIMENSION)
                .writeEndArray().writeEndArray()
                .writeFieldName("Metrics").writeStartArray()
                .writeStartObject().writeFieldName("Name").writeValue(outcomeMetric)
                .writeFieldName("Unit").writeValue("Count").writeEndObject();
        if (calledRekognition) {
            w.writeStartObject().writeFieldName("Name").writeValue(LATENCY_METRIC)
                    .writeFieldName("Unit").writeValue("Milliseconds").writeEndObject();
        }
        w.writeEndArray().writeEndObject().writeEndArray().writeEndObject();

        w.writeFieldName("level").writeValue(level(result.outcome()))
                .writeFieldName("message").writeValue("model action")
                .writeFieldName(MODEL_DIMENSION).writeValue(result.model())
                .writeFieldName(outcomeMetric).writeValue(1L);
        if (calledRekognition) {
            w.writeFieldName(LATENCY_METRIC).writeValue(elapsedMillis);
        }
        w.writeFieldName("trigger").writeValue(trigger)
                .writeFieldName("action").writeValue(result.action().wireName())
                .writeFieldName("outcome").writeValue(result.outcome().name())
                .writeFieldName("durationMs").writeValue(elapsedMillis);
        Json.field(w, "requestId", lambdaRequestId);
        if (result instanceof ModelResult.Done done) {
            Json.field(w, "status", done.state().status());
            Json.field(w, "minInferenceUnits", done.state().minInferenceUnits());
            Json.field(w, "maxInferenceUnits", done.state().maxInferenceUnits());
            Json.field(w, "rekognitionRequestId", done.rekognitionRequestId());
        } else if (result instanceof ModelResult.Skipped skipped) {
            Json.field(w, "until", skipped.until().toString());
            Json.field(w, "origin", skipped.origin().describe());
            Json.field(w, "reason", skipped.reason());
        } else if (result instanceof ModelResult.Reported reported) {
            Json.field(w, "status", reported.state().status());
            Json.field(w, "note", reported.note());
        } else if (result instanceof ModelResult.Overridden overridden) {
            ModelOverride override = overridden.override();
            Json.field(w, "keepRunningUntil", override.keepRunningUntil() == null ? null
                    : override.keepRunningUntil().toString());
            Json.field(w, "skipStartsUntil", override.skipStartsUntil() == null ? null
                    : override.skipStartsUntil().toString());
        } else if (result instanceof ModelResult.Planned planned) {
            Json.field(w, "operation", planned.operation());
            Json.field(w, "region", planned.region());
        } else if (result instanceof ModelResult.Refused refused) {
            Json.field(w, "status", refused.state().status());
            Json.field(w, "reason", refused.reason());
        } else if (result instanceof ModelResult.Failed failed) {
            Json.field(w, "errorCode", failed.error().errorCode());
            Json.field(w, "errorKind", failed.error().kind().name());
            Json.field(w, "rekognitionRequestId", failed.error().requestId());
            // Rekognition's own message helps the operator; it goes to the log, never to a caller.
            Json.field(w, "serviceMessage", failed.error().getMessage());
        }
        return Json.text(w.writeEndObject());
    }

    private static String level(Outcome outcome) {
        return switch (outcome) {
            case FAILED -> "ERROR";
            case REFUSED -> "WARN";
            default -> "INFO";
        };
    }
}
