package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.json.JsonWriter;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
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
