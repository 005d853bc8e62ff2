package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.json.MalformedJsonException;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * EventBridge envelopes: a scheduled rule ({@code detail} an empty object), EventBridge Scheduler
 * ({@code detail} a JSON string) and custom events whose {@code detail} is a command.
 */
final class EventBridgeAdapter {

    private final CommandRequest defaultCommand;

    EventBridgeAdapter(CommandRequest defaultCommand) {
        this.defaultCommand = defaultCommand;
    }

    CommandRequest commandOf(JsonNode event) {
        JsonNode detail = Json.field(event, "detail").orElse(null);
        if (detail != null && detail.isString()) {
            // EventBridge Scheduler delivers detail as a string holding JSON.
            try {
                detail = Json.parse(detail.asString());
            } catch (MalformedJsonException e) {
                throw new InvalidCommandException(List.of("the event's detail is a string but not JSON: " + e.getMessage()));
            }
        }
        boolean scheduled = "Scheduled Event".equals(Json.string(event, "detail-type").orElse(null));
        if (detail == null || detail.isNull() || detail.isObject() && detail.asObject().isEmpty()) {
            if (scheduled) {
                return defaultCommand;
            }
            throw new InvalidCommandException(List.of("the event from " + Texts.quote(Json.string(event, "source").orElse("?"))
                    + " with detail-type " + Texts.quote(Json.string(event, "detail-type").orElse("?"))
                    + " carries no command in its detail"));
        }
        return CommandReader.read(detail, "the event's detail");
    }
}
