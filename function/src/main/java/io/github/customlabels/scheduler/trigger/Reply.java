package io.github.customlabels.scheduler.trigger;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How an invocation ends: an answer to write back, or an error for the runtime to report (a failed invocation is
 * retried and then dead-lettered), with what the invocation's log line says about it.
 *
 * @param payload the answer's bytes; null when the invocation fails
 * @param failure what the invocation fails with; null when it answers
 * @param httpStatus the HTTP status of an API answer, or 0
 * @param note why nothing was done (an ignored alarm), or null
 */
record Reply(byte[] payload, RuntimeException failure, String outcome, int httpStatus, List<String> problems,
             String note) {

    Reply {
        problems = List.copyOf(problems);
    }

    static Reply json(String json, String outcome) {
        return new Reply(json.getBytes(StandardCharsets.UTF_8), null, outcome, 0, List.of(), null);
    }

    static Reply http(byte[] payload, int status, String outcome, List<String> problems) {
        return new Reply(payload, null, outcome, status, problems, null);
    }

    static Reply failed(RuntimeException failure, String outcome, List<String> problems) {
        return new Reply(null, failure, outcome, 0, problems, null);
    }

    Reply withNote(String note) {
        return new Reply(payload, failure, outcome, httpStatus, problems, note);
    }
}
