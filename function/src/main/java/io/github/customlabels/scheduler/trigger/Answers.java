package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.FollowUp;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.json.JsonWriter;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.verification.CheckOutcome;
import java.util.List;

/** Writes results as JSON, the same way for every trigger. The service's raw error text never appears. */
final class Answers {

    private Answers() {
    }

    /** The answer to a schedule, event or direct invoke: one entry per model. */
    static String commandResult(CommandResult result) {
        JsonWriter w = JsonWriter.create().beginObject()
                .field("action", result.action().wireName())
                .field("succeeded", result.succeeded());
        if (result.dryRun()) {
            w.field("dryRun", true);
        }
        if (!result.succeeded()) {
            w.stringArray("failedModels", result.failedModels());
        }
        w.name("results").beginArray();
        result.results().forEach(r -> modelResult(w, r));
        return w.endArray().endObject().toString();
    }

    /** One model's result as a JSON object. */
    static String modelResult(ModelResult result) {
        JsonWriter w = JsonWriter.create();
        modelResult(w, result);
        return w.toString();
    }

    /** Several models' results under {@code models}. */
    static String modelList(List<ModelResult> results) {
        JsonWriter w = JsonWriter.create().beginObject().name("models").beginArray();
        results.forEach(r -> modelResult(w, r));
        return w.endArray().endObject().toString();
    }

    static void modelResult(JsonWriter w, ModelResult result) {
        w.beginObject()
                .field("model", result.model())
                .field("action", result.action().wireName())
                .field("outcome", result.outcome().name());
        if (result instanceof ModelResult.Done done) {
            state(w, done.state());
            w.field("note", done.note());
            if (done.verification() != null) {
                verification(w, done.verification());
            }
        } else if (result instanceof ModelResult.Planned planned) {
            w.field("dryRun", true).name("request").beginObject()
                    .field("operation", planned.operation())
                    .field("region", planned.region());
            planned.request().forEach((k, v) -> value(w.name(k), v));
            w.endObject();
        } else if (result instanceof ModelResult.Refused refused) {
            state(w, refused.state());
            w.field("reason", refused.reason());
        } else if (result instanceof ModelResult.Failed failed) {
            RekognitionCallException e = failed.error();
            Problem problem = Problem.of(e);
            w.name("error").beginObject()
                    .field("code", e.errorCode())
                    .field("title", problem.title())
                    .field("detail", problem.detail())
                    .field("httpStatus", (long) problem.status())
                    .field("rekognitionRequestId", e.requestId())
                    .endObject();
        }
        w.endObject();
    }

    /** What became of the model's start verification: {@code {"status": "SCHEDULED", "schedule": ..., ...}}. */
    private static void verification(JsonWriter w, FollowUp followUp) {
        w.name("verification").beginObject().field("status", followUp.status()).field("schedule", followUp.schedule());
        if (followUp instanceof FollowUp.Scheduled scheduled) {
            w.field("firstCheckAt", scheduled.firstCheckAt().toString()).field("deadline", scheduled.deadline().toString());
        } else if (followUp instanceof FollowUp.NotScheduled notScheduled) {
            w.field("reason", notScheduled.reason());
        } else if (followUp instanceof FollowUp.NotCancelled notCancelled) {
            w.field("reason", notCancelled.reason());
        }
        w.endObject();
    }

    /** The answer to a check of a start, written with the SDK's JSON writer. */
    static String checkOutcome(CheckOutcome outcome) {
        var w = software.amazon.awssdk.protocols.jsoncore.JsonWriter.create().writeStartObject()
                .writeFieldName("verification").writeStartObject()
                .writeFieldName("model").writeValue(outcome.model())
                .writeFieldName("outcome").writeValue(outcome.outcome());
        if (outcome instanceof CheckOutcome.Verified verified) {
            w.writeFieldName("minutesToRunning").writeValue(verified.minutesToRunning());
        } else if (outcome instanceof CheckOutcome.NextCheck next) {
            w.writeFieldName("status").writeValue(next.status())
                    .writeFieldName("nextCheck").writeValue(next.check())
                    .writeFieldName("schedule").writeValue(next.schedule())
                    .writeFieldName("nextCheckAt").writeValue(next.at().toString());
        } else if (outcome instanceof CheckOutcome.NotVerified failed) {
            w.writeFieldName("reason").writeValue(failed.reason()).writeFieldName("status").writeValue(failed.status());
            if (failed.statusMessage() != null) {
                w.writeFieldName("statusMessage").writeValue(failed.statusMessage());
            }
        } else if (outcome instanceof CheckOutcome.Ended ended) {
            w.writeFieldName("why").writeValue(ended.why());
        }
        return new String(w.writeEndObject().writeEndObject().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void state(JsonWriter w, ModelState state) {
        w.field("status", state.status())
                .field("statusMessage", state.statusMessage())
                .field("minInferenceUnits", state.minInferenceUnits())
                .field("maxInferenceUnits", state.maxInferenceUnits());
    }

    private static void value(JsonWriter w, Object v) {
        if (v instanceof Number n) {
            w.value(n.longValue());
        } else if (v instanceof List<?> list) {
            w.beginArray();
            list.forEach(item -> w.value(String.valueOf(item)));
            w.endArray();
        } else {
            w.value(String.valueOf(v));
        }
    }
}
