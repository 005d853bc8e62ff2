package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.telemetry.LogSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

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
    private Throwable error;

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

    InvocationLog method(String method) {
        this.method = method;
        return this;
    }

    InvocationLog httpStatus(int status) {
        this.httpStatus = status;
        return this;
    }

    /** An unexpected failure: its stack trace belongs in the log, and only there. */
    InvocationLog error(Throwable error) {
        this.error = error;
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
        JsonWriter w = JsonWriter.create().writeStartObject()
                .writeFieldName("level").writeValue(level())
                .writeFieldName("message").writeValue("invocation")
                .writeFieldName("trigger").writeValue(trigger.logName());
        Json.field(w, "action", action == null ? null : action.wireName());
        Json.strings(w, "models", models)
                .writeFieldName("outcome").writeValue(outcome);
        Json.field(w, "requestId", requestId)
                .writeFieldName("durationMs").writeValue((System.nanoTime() - startedNanos) / 1_000_000);
        Json.field(w, "method", method);
        if (httpStatus > 0) {
            w.writeFieldName("httpStatus").writeValue(httpStatus);
        }
        Json.field(w, "alarm", alarm);
        Json.field(w, "note", note);
        if (!problems.isEmpty()) {
            Json.strings(w, "problems", problems);
        }
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            w.writeFieldName("error").writeValue(String.valueOf(error))
                    .writeFieldName("stackTrace").writeValue(trace.toString());
        }
        sink.write(Json.text(w.writeEndObject()));
    }

    /** Failures are errors, refused input is a warning; the rest is routine. */
    private String level() {
        if ("FAILED".equals(outcome) || "ERROR".equals(outcome) || httpStatus >= 500) {
            return "ERROR";
        }
        if ("INVALID".equals(outcome) || "REJECTED".equals(outcome) || httpStatus >= 400) {
            return "WARN";
        }
        return "INFO";
    }
}
