package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.verification.VerificationRequest;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** The kinds of event the handler accepts, told apart by their shape. */
enum Trigger {
    API_GATEWAY_REST("api-rest"),
    API_GATEWAY_HTTP("api-http"),
    CLOUDWATCH_ALARM("alarm"),
    EVENTBRIDGE("eventbridge"),
    COMMAND("command"),
    /** A check of a start, sent by its one-time schedule. */
    VERIFICATION("verification"),
    UNKNOWN("unknown");

    private final String logName;

    Trigger(String logName) {
        this.logName = logName;
    }

    String logName() {
        return logName;
    }

    static Trigger of(JsonNode event) {
        if (!event.isObject()) {
            return UNKNOWN;
        }
        var fields = event.asObject();
        if (fields.containsKey("requestContext")) {
            if (fields.containsKey("httpMethod")) {
                return API_GATEWAY_REST;
            }
            if (Json.path(event, "requestContext", "http").isPresent()) {
                return API_GATEWAY_HTTP;
            }
        }
        if ("aws.cloudwatch".equals(Json.string(event, "source").orElse(null)) && fields.containsKey("alarmData")) {
            return CLOUDWATCH_ALARM;
        }
        if (fields.containsKey("detail-type") && fields.containsKey("source") && fields.containsKey("detail")) {
            return EVENTBRIDGE;
        }
        if (VerificationRequest.looksLikeVerification(event)) {
            return VERIFICATION;
        }
        return CommandReader.looksLikeCommand(event) ? COMMAND : UNKNOWN;
    }
}
