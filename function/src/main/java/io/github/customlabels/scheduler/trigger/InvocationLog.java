package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.Action;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.json.JsonWriter;
import io.github.customlabels.scheduler.telemetry.LogSink;
import java.util.List;

/**
 * One structured log line per invocation: trigger, action, models, outcome and request id. Each model's
 * action has its own line as well ({@link io.github.customlabels.scheduler.telemetry.ModelActionRecord}).
 */
final class InvocationLog {

    private final LogSink sink;
    private final String requestId;
    private Trigger trigger = Trigger.UNKNOWN;
    private Action action;
    private List<String> models = List.of();
    private String outcome = "OK";
    private String method;
    private int httpStatus;
    private String alarm;
    private String note;
    private List<String> problems = List.of();
    InvocationLog(LogSink sink, String requestId) {
        this.sink = sink;
        this.requestId = requestId;
    }

    Trigger trigger() {
        return trigger;
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
        this.outcome = result.succeeded() ? "SUCCEEDED" : "FAILED";
        return this;
    }

    void write(long startedNanos) {
        JsonWriter w = JsonWriter.create().beginObject()
                .field("level", level())
                .field("message", "invocation")
                .field("trigger", trigger.logName())
                .field("action", action == null ? null : action.wireName())
                .stringArray("models", models)
                .field("outcome", outcome)
                .field("requestId", requestId)
                .field("durationMs", (System.nanoTime() - startedNanos) / 1_000_000);
        if (method != null) {
            w.field("method", method).field("httpStatus", (long) httpStatus);
        }
        w.field("alarm", alarm).field("note", note);
        if (!problems.isEmpty()) {
            w.stringArray("problems", problems);
        }
        sink.write(w.endObject().toString());
    }

    /** Failures are errors, refused input is a warning; the rest is routine. */
    private String level() {
        if ("FAILED".equals(outcome) || httpStatus >= 500) {
            return "ERROR";
        }
        if ("INVALID".equals(outcome) || "REJECTED".equals(outcome) || httpStatus >= 400) {
            return "WARN";
        }
        return "INFO";
    }
}
