package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
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

    static void modelResult(JsonWriter w, ModelResult result) {
        w.writeStartObject()
                .writeFieldName("model").writeValue(result.model())
                .writeFieldName("action").writeValue(result.action().wireName())
                .writeFieldName("outcome").writeValue(result.outcome().name());
        if (result instanceof ModelResult.Done done) {
            state(w, done.state());
            Json.field(w, "note", done.note());
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
