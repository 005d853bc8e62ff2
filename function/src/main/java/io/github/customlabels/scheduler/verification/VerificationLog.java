package io.github.customlabels.scheduler.verification;

import io.github.customlabels.scheduler.contract.Metrics;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.telemetry.ModelActionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The log lines of start verification, two of them CloudWatch Embedded Metric Format documents in the function's
 * namespace: {@value Metrics#MINUTES_TO_RUNNING} per model when a start is verified, and {@value Metrics#START_VERIFICATION_FAILED}
 * per model and for the whole deployment when it is not. The stack's alarm and dashboard use these names.
 */
public final class VerificationLog {

    private final LogSink sink;

    public VerificationLog(LogSink sink) {
        this.sink = sink;
    }

    /** INFO, with the minutes to RUNNING as a metric of the model. */
    void verified(VerificationRequest check, Instant now, double minutes, String requestId) {
        Map<String, Object> fields = fields(check, requestId);
        fields.put("status", "RUNNING");
        fields.put("verifiedAt", now.toString());
        write(now, "INFO", Metrics.MESSAGE_VERIFIED, Metrics.MINUTES_TO_RUNNING, minutes, false, fields);
    }

    /**
     * ERROR, counted per model and for the deployment.
     *
     * @param reason FAILED (a state that never becomes RUNNING), TIMED_OUT, or NOT_FOLLOWED_UP (no check scheduled)
     */
    void notVerified(VerificationRequest check, Instant now, String reason, String status, String statusMessage,
                     String detail, String requestId) {
        Map<String, Object> fields = fields(check, requestId);
        fields.put("reason", reason);
        fields.put("status", status);
        fields.put("statusMessage", statusMessage);
        fields.put("detail", detail);
        write(now, "ERROR", Metrics.MESSAGE_NOT_VERIFIED, Metrics.START_VERIFICATION_FAILED, 1, true, fields);
    }

    /** A line without a metric: a check scheduled, kept, cancelled or ended without alarm. */
    void note(String level, String message, VerificationRequest check, Instant now, Map<String, Object> extra,
              String requestId) {
        Map<String, Object> fields = fields(check, requestId);
        fields.putAll(extra);
        write(now, level, message, null, 0, false, fields);
    }

    /** A line about a model that has no check yet (a stop's cancellation). */
    void note(String level, String message, String model, Instant now, Map<String, Object> extra, String requestId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Metrics.MODEL_DIMENSION, model);
        fields.putAll(extra);
        fields.put("requestId", requestId);
        write(now, level, message, null, 0, false, fields);
    }

    private static Map<String, Object> fields(VerificationRequest check, String requestId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Metrics.MODEL_DIMENSION, check.model());
        fields.put("projectVersionArn", check.projectVersionArn());
        fields.put("startedAt", check.startedAt().toString());
        fields.put("deadline", check.deadline().toString());
        fields.put("requestId", requestId);
        return fields;
    }

    private void write(Instant now, String level, String message, String metric, double value, boolean overall,
                       Map<String, Object> fields) {
        JsonWriter w = JsonWriter.create().writeStartObject();
        if (metric != null) {
            w.writeFieldName("_aws").writeStartObject()
                    .writeFieldName("Timestamp").writeValue(now.toEpochMilli())
                    .writeFieldName("CloudWatchMetrics").writeStartArray().writeStartObject()
                    .writeFieldName("Namespace").writeValue(Metrics.NAMESPACE)
                    .writeFieldName("Dimensions").writeStartArray()
                    .writeStartArray().writeValue(Metrics.MODEL_DIMENSION).writeEndArray();
            if (overall) {
                // The empty dimension set: the same count for the whole deployment, which its one alarm watches.
                w.writeStartArray().writeEndArray();
            }
            w.writeEndArray()
                    .writeFieldName("Metrics").writeStartArray().writeStartObject()
                    .writeFieldName("Name").writeValue(metric)
                    .writeFieldName("Unit").writeValue(overall ? "Count" : "None")
                    .writeEndObject().writeEndArray()
                    .writeEndObject().writeEndArray().writeEndObject();
        }
        w.writeFieldName("level").writeValue(level).writeFieldName("message").writeValue(message);
        if (metric != null) {
            w.writeFieldName(metric).writeValue(value);
        }
        fields.forEach((name, v) -> {
            if (v instanceof Number n) {
                w.writeFieldName(name).writeValue(n.doubleValue());
            } else if (v != null) {
                w.writeFieldName(name).writeValue(String.valueOf(v));
            }
        });
        sink.write(new String(w.writeEndObject().getBytes(), StandardCharsets.UTF_8));
    }
}
