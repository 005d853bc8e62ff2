package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * An RFC 9457 problem: what went wrong, in terms a caller can act on.
 *
 * @param retryAfterSeconds the Retry-After value for throttling and unavailability, or 0 for none
 */
record Problem(int status, String type, String title, String detail, List<String> errors, int retryAfterSeconds) {

    static final String TYPE_PREFIX = "urn:custom-labels-scheduler:problem:";

    static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + type, title, detail, List.of(), 0);
    }

    static Problem invalid(List<String> errors) {
        return new Problem(400, TYPE_PREFIX + "invalid-request", "The request is not valid",
                errors.size() == 1 ? errors.get(0) : errors.size() + " problems: see errors", errors, 0);
    }

    static Problem unknownModel(List<String> errors) {
        return new Problem(404, TYPE_PREFIX + "unknown-model", "No such model", String.join("; ", errors), errors, 0);
    }

    static Problem refused(ModelResult.Refused refused) {
        return of(409, "model-state-conflict", "The model's state forbids this action", refused.reason());
    }

    /** Maps a Rekognition failure to the status a caller should see; the service's own message stays in logs. */
    static Problem of(RekognitionCallException e) {
        return switch (e.kind()) {
            case ACCESS_DENIED -> of(403, "rekognition-access-denied", "Rekognition denied access",
                    "the function's role may not perform this action on this model; check its IAM policy");
            case INVALID_PARAMETER -> of(400, "rekognition-invalid-parameter", "Rekognition rejected the request",
                    "Rekognition refused the parameters for this model (" + e.errorCode() + ")");
            case LIMIT_EXCEEDED -> of(409, "rekognition-limit-exceeded", "A Rekognition quota was exceeded",
                    "the account has reached a Rekognition limit (for example running inference units); "
                            + "stop another model or raise the quota");
            case RESOURCE_IN_USE -> of(409, "model-state-conflict", "The model's state forbids this action",
                    "Rekognition reports the model version as in use");
            case RESOURCE_NOT_FOUND -> of(404, "rekognition-model-not-found", "Rekognition has no such model version",
                    "the configured model version or project does not exist in its region");
            case THROTTLED -> new Problem(429, TYPE_PREFIX + "rekognition-throttled", "Rekognition is throttling",
                    "Rekognition throttled the call and retries did not get through in time; try again later",
                    List.of(), 5);
            case SERVICE_ERROR -> of(502, "rekognition-error", "Rekognition failed",
                    "Rekognition answered with a server error after retries");
            case REJECTED -> of(502, "rekognition-rejected", "Rekognition refused the request",
                    "Rekognition answered " + e.errorCode() + ", which this function has no rule for; "
                            + "the function's log has Rekognition's message");
            // The function's own identity: neither the caller's fault (4xx) nor Rekognition's (502/503).
            case IDENTITY -> of(500, "function-credentials", "The function's AWS credentials were not accepted",
                    "the function could not prove its identity to Rekognition (" + e.errorCode() + "): check its "
                            + "execution role and where its credentials come from (expired, unknown or missing "
                            + "credentials, or a clock far off)");
            case UNAVAILABLE -> new Problem(503, TYPE_PREFIX + "rekognition-unavailable", "Rekognition is unreachable",
                    "Rekognition could not be reached before the deadline; try again later", List.of(), 5);
            case CLIENT_FAULT -> of(500, "function-error", "The function failed before Rekognition answered",
                    "the function could not make the call (" + e.errorCode() + "); its log has the details");
        };
    }

    /** An unexpected failure of the function itself: no internals, only the request id the log has them under. */
    static Problem internalError(String requestId) {
        return of(500, "internal-error", "Internal error", "the function failed unexpectedly; its log has the details"
                + " under request id " + requestId);
    }

    String toJson() {
        JsonWriter w = JsonWriter.create().writeStartObject()
                .writeFieldName("type").writeValue(type)
                .writeFieldName("title").writeValue(title)
                .writeFieldName("status").writeValue(status);
        Json.field(w, "detail", detail);
        if (!errors.isEmpty()) {
            Json.strings(w, "errors", errors);
        }
        return Json.text(w.writeEndObject());
    }
}
