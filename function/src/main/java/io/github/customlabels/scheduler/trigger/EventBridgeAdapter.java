package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.contract.json.MalformedJsonException;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.Origin;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * EventBridge envelopes as {@link ScheduledEvent}: a scheduled rule ({@code detail} an empty object), EventBridge
 * Scheduler ({@code detail} a JSON string) and custom events whose {@code detail} is a command. A scheduled event's
 * command is a schedule's, which overrides govern; a custom event's is another system's on purpose, which they do not.
 */
final class EventBridgeAdapter implements TriggerAdapter<ScheduledEvent> {

    private static final String SCHEDULED = "Scheduled Event";

    private final CommandRequest defaultCommand;

    EventBridgeAdapter(CommandRequest defaultCommand) {
        this.defaultCommand = defaultCommand;
    }

    /**
     * Binds an envelope. EventBridge Scheduler's carries {@code detail} as a string holding JSON, which
     * {@link ScheduledEvent#getDetail()} (a map) cannot hold: that string is read here, strictly, as our own JSON, and
     * the envelope is bound with the object it holds, as if EventBridge had delivered it so.
     */
    static ScheduledEvent bind(JsonNode envelope, byte[] payload) {
        JsonNode detail = Json.field(envelope, "detail").orElse(null);
        if (detail == null || !detail.isString()) {
            return LambdaEvents.bind(payload, ScheduledEvent.class, Trigger.EVENTBRIDGE.shape());
        }
        JsonNode inner;
        try {
            inner = Json.parse(detail.asString());
        } catch (MalformedJsonException e) {
            throw new InvalidCommandException(List.of("the event's detail is a string but not JSON: " + e.getMessage()));
        }
        if (!inner.isObject()) {
            throw new InvalidCommandException(List.of("the event's detail is a string that must hold a JSON object, got "
                    + Json.typeOf(inner)));
        }
        JsonWriter w = JsonWriter.create().writeStartObject();
        envelope.asObject().forEach((name, value) -> Json.copy("detail".equals(name) ? inner : value,
                w.writeFieldName(name)));
        return LambdaEvents.bind(w.writeEndObject().getBytes(), ScheduledEvent.class, Trigger.EVENTBRIDGE.shape());
    }

    @Override
    public Translation translate(ScheduledEvent event) {
        return new Translation.Run(commandOf(event), CommandResponder.INSTANCE);
    }

    private CommandRequest commandOf(ScheduledEvent event) {
        CommandRequest command = detailCommand(event);
        if (SCHEDULED.equals(event.getDetailType()) && !command.origin().followsOverrides()) {
            return command.from(new Origin.Schedule(scheduleName(event)));
        }
        return command;
    }

    /** The rule's or schedule's name, the last part of its ARN in {@code resources}. */
    private static String scheduleName(ScheduledEvent event) {
        List<String> resources = event.getResources();
        if (resources == null || resources.isEmpty() || resources.get(0) == null) {
            return "scheduled-rule";
        }
        String arn = resources.get(0);
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private CommandRequest detailCommand(ScheduledEvent event) {
        Map<String, Object> detail = event.getDetail();
        if (detail == null || detail.isEmpty()) {
            if (SCHEDULED.equals(event.getDetailType())) {
                return defaultCommand;
            }
            throw new InvalidCommandException(List.of("the event from " + Texts.quote(String.valueOf(event.getSource()))
                    + " with detail-type " + Texts.quote(String.valueOf(event.getDetailType()))
                    + " carries no command in its detail"));
        }
        // The map as the runtime bound it, read back as the JSON it was, so the command is read as strictly as any.
        @SuppressWarnings("unchecked")
        Class<Map<String, Object>> type = (Class<Map<String, Object>>) (Class<?>) Map.class;
        return CommandReader.read(Json.parse(LambdaEvents.write(detail, type)), "the event's detail");
    }
}
