package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.customlabels.scheduler.control.Action;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.json.JsonWriter;
import java.util.List;

/** One structured log line per invocation: trigger, action, models, outcome and request id. */
final class InvocationLog {

    private final Context context;
    private Trigger trigger = Trigger.UNKNOWN;
    private Action action;
    private List<String> models = List.of();
    private String outcome = "OK";
    private String method;
    private int httpStatus;
    private String alarm;
    private String note;
    private List<String> problems = List.of();
    private CommandResult result;

    InvocationLog(Context context) {
        this.context = context;
    }

    InvocationLog trigger(Trigger trigger) {
        this.trigger = trigger;
        return this;
    }

    InvocationLog action(Action action) {
        this.action = action;
        return this;
    }

    InvocationLog models(List<String> models) {
        this.models = models;
        return this;
    }

    InvocationLog outcome(String outcome) {
        this.outcome = outcome;
        return this;
    }

    InvocationLog http(String method, int status) {
        this.method = method;
        this.httpStatus = status;
        return this;
    }

    InvocationLog alarm(String alarm) {
        this.alarm = alarm;
        return this;
    }

    InvocationLog note(String note) {
        this.note = note;
        return this;
    }

    InvocationLog problems(List<String> problems) {
        this.problems = problems;
        return this;
    }

    InvocationLog results(CommandResult result) {
        this.result = result;
        this.outcome = result.succeeded() ? "SUCCEEDED" : "FAILED";
        return this;
    }

    void write(long startedNanos) {
        JsonWriter w = JsonWriter.create().beginObject()
                .field("message", "invocation")
                .field("trigger", trigger.logName())
                .field("action", action == null ? null : action.wireName())
                .stringArray("models", models)
                .field("outcome", outcome)
                .field("requestId", context == null ? null : context.getAwsRequestId())
                .field("durationMs", (System.nanoTime() - startedNanos) / 1_000_000);
        if (method != null) {
            w.field("method", method).field("httpStatus", (long) httpStatus);
        }
        w.field("alarm", alarm).field("note", note);
        if (!problems.isEmpty()) {
            w.stringArray("problems", problems);
        }
        if (result != null) {
            w.name("results").beginArray();
            for (ModelResult r : result.results()) {
                w.beginObject().field("model", r.model()).field("outcome", r.outcome().name());
                if (r instanceof ModelResult.Failed failed) {
                    w.field("errorCode", failed.error().errorCode())
                            .field("rekognitionRequestId", failed.error().requestId())
                            .field("serviceMessage", failed.error().getMessage());
                }
                w.endObject();
            }
            w.endArray();
        }
        String line = w.endObject().toString();
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
    }
}
