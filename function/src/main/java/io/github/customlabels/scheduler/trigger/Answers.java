package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.FollowUp;
import io.github.customlabels.scheduler.control.ModelOverride;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.control.NextAction;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.verification.CheckOutcome;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** Writes results as JSON, the same way for every trigger. The service's raw error text never appears. */
final class Answers {

    private Answers() {
    }

    /** The answer to a schedule, event or direct invoke: one entry per model. */
    static String commandResult(CommandResult result) {
        JsonWriter w = JsonWriter.create().writeStartObject()
                .writeFieldName("action").writeValue(result.action().wireName())
                .writeFieldName("succeeded").writeValue(result.succeeded());
        if (result.dryRun()) {
            w.writeFieldName("dryRun").writeValue(true);
        }
        if (!result.succeeded()) {
            Json.strings(w, "failedModels", result.failedModels());
        }
        w.writeFieldName("results").writeStartArray();
        result.results().forEach(r -> modelResult(w, r));
        return Json.text(w.writeEndArray().writeEndObject());
    }

    /** One model's result as a JSON object. */
    static String modelResult(ModelResult result) {
        JsonWriter w = JsonWriter.create();
        modelResult(w, result);
        return Json.text(w);
    }

    /** Several models' results under {@code models}. */
    static String modelList(List<ModelResult> results) {
        JsonWriter w = JsonWriter.create().writeStartObject().writeFieldName("models").writeStartArray();
        results.forEach(r -> modelResult(w, r));
        return Json.text(w.writeEndArray().writeEndObject());
    }

    /** {@code GET /overrides}: each model with an override in force, and each whose override could not be read. */
    static String overrideList(List<ModelResult> results) {
        JsonWriter w = JsonWriter.create().writeStartObject().writeFieldName("overrides").writeStartArray();
        for (ModelResult result : results) {
            if (result instanceof ModelResult.Overridden o && !o.override().isEmpty()) {
                w.writeStartObject().writeFieldName("model").writeValue(o.model());
                overrideFields(w, o.override());
                w.writeEndObject();
            }
        }
        w.writeEndArray();
        List<ModelResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failed.isEmpty()) {
            w.writeFieldName("unreadable").writeStartArray();
            failed.forEach(r -> modelResult(w, r));
            w.writeEndArray();
        }
        return Json.text(w.writeEndObject());
    }

    static void modelResult(JsonWriter w, ModelResult result) {
        w.writeStartObject()
                .writeFieldName("model").writeValue(result.model())
                .writeFieldName("action").writeValue(result.action().wireName())
                .writeFieldName("outcome").writeValue(result.outcome().name());
        if (result instanceof ModelResult.Done done) {
            state(w, done.state());
            Json.field(w, "note", done.note());
            if (done.verification() != null) {
                verification(w, done.verification());
            }
        } else if (result instanceof ModelResult.Reported reported) {
            state(w, reported.state());
            if (reported.override() != null) {
                override(w, reported.override());
            }
            nextActions(w, reported.nextActions());
            Json.field(w, "note", reported.note());
        } else if (result instanceof ModelResult.Overridden overridden) {
            override(w, overridden.override());
        } else if (result instanceof ModelResult.Skipped skipped) {
            w.writeFieldName("until").writeValue(skipped.until().toString());
            Json.field(w, "reason", skipped.reason());
        } else if (result instanceof ModelResult.Planned planned) {
            w.writeFieldName("dryRun").writeValue(true).writeFieldName("request").writeStartObject()
                    .writeFieldName("operation").writeValue(planned.operation())
                    .writeFieldName("region").writeValue(planned.region());
            planned.request().forEach((k, v) -> value(w.writeFieldName(k), v));
            w.writeEndObject();
        } else if (result instanceof ModelResult.Refused refused) {
            state(w, refused.state());
            Json.field(w, "reason", refused.reason());
        } else if (result instanceof ModelResult.Failed failed) {
            RekognitionCallException e = failed.error();
            Problem problem = Problem.of(e);
            w.writeFieldName("error").writeStartObject();
            Json.field(w, "code", e.errorCode());
            Json.field(w, "title", problem.title());
            Json.field(w, "detail", problem.detail());
            w.writeFieldName("httpStatus").writeValue(problem.status());
            Json.field(w, "rekognitionRequestId", e.requestId());
            w.writeEndObject();
        }
        w.writeEndObject();
    }

    /** What became of the model's start verification: {@code {"status": "SCHEDULED", "schedule": ..., ...}}. */
    private static void verification(JsonWriter w, FollowUp followUp) {
        w.writeFieldName("verification").writeStartObject();
        Json.field(w, "status", followUp.status());
        Json.field(w, "schedule", followUp.schedule());
        if (followUp instanceof FollowUp.Scheduled scheduled) {
            Json.field(w, "firstCheckAt", scheduled.firstCheckAt().toString());
            Json.field(w, "deadline", scheduled.deadline().toString());
        } else if (followUp instanceof FollowUp.NotScheduled notScheduled) {
            Json.field(w, "reason", notScheduled.reason());
        } else if (followUp instanceof FollowUp.NotCancelled notCancelled) {
            Json.field(w, "reason", notCancelled.reason());
        }
        w.writeEndObject();
    }

    /** The answer to a check of a start. */
    static String checkOutcome(CheckOutcome outcome) {
        JsonWriter w = JsonWriter.create().writeStartObject().writeFieldName("verification").writeStartObject();
        Json.field(w, "model", outcome.model());
        Json.field(w, "outcome", outcome.outcome());
        if (outcome instanceof CheckOutcome.Verified verified) {
            w.writeFieldName("minutesToRunning").writeValue(verified.minutesToRunning());
        } else if (outcome instanceof CheckOutcome.NextCheck next) {
            Json.field(w, "status", next.status());
            Json.field(w, "nextCheck", (long) next.check());
            Json.field(w, "schedule", next.schedule());
            Json.field(w, "nextCheckAt", next.at().toString());
        } else if (outcome instanceof CheckOutcome.NotVerified failed) {
            Json.field(w, "reason", failed.reason());
            Json.field(w, "status", failed.status());
            Json.field(w, "statusMessage", failed.statusMessage());
        } else if (outcome instanceof CheckOutcome.Ended ended) {
            Json.field(w, "why", ended.why());
        }
        return Json.text(w.writeEndObject().writeEndObject());
    }

    /** The override in force: an object with its ends, or null when there is none. */
    private static void override(JsonWriter w, ModelOverride override) {
        w.writeFieldName("override");
        if (override.isEmpty()) {
            w.writeNull();
            return;
        }
        w.writeStartObject();
        overrideFields(w, override);
        w.writeEndObject();
    }

    private static void overrideFields(JsonWriter w, ModelOverride override) {
        Json.field(w, "keepRunningUntil", text(override.keepRunningUntil()));
        Json.field(w, "skipStartsUntil", text(override.skipStartsUntil()));
    }

    /** The next start and stop: the moment in UTC, and the same moment on the schedule's own clock. */
    private static void nextActions(JsonWriter w, List<NextAction> next) {
        w.writeFieldName("nextActions").writeStartArray();
        for (NextAction action : next) {
            w.writeStartObject()
                    .writeFieldName("action").writeValue(action.action().wireName())
                    .writeFieldName("schedule").writeValue(action.schedule())
                    .writeFieldName("at").writeValue(action.at().toInstant().toString())
                    .writeFieldName("localTime").writeValue(action.at().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .writeFieldName("timezone").writeValue(action.at().getZone().getId());
            if (action.skippedByOverride()) {
                w.writeFieldName("skippedByOverride").writeValue(true);
            }
            w.writeEndObject();
        }
        w.writeEndArray();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void state(JsonWriter w, ModelState state) {
        Json.field(w, "status", state.status());
        Json.field(w, "statusMessage", state.statusMessage());
        Json.field(w, "minInferenceUnits", state.minInferenceUnits());
        Json.field(w, "maxInferenceUnits", state.maxInferenceUnits());
    }

    private static void value(JsonWriter w, Object v) {
        if (v instanceof Number n) {
            w.writeValue(n.longValue());
        } else if (v instanceof List<?> list) {
            w.writeStartArray();
            list.forEach(item -> w.writeValue(String.valueOf(item)));
            w.writeEndArray();
        } else {
            w.writeValue(String.valueOf(v));
        }
    }
}
