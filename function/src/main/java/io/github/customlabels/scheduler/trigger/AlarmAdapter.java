package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.events.CloudWatchCompositeAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchMetricAlarmEvent;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.Origin;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * CloudWatch alarms whose action invokes the function ({@link CloudWatchMetricAlarmEvent}, and
 * {@link CloudWatchCompositeAlarmEvent} for a composite alarm): an idle-stop alarm in ALARM stops the models tied to
 * it, and only those. Other alarms and other states are ignored, with the reason in the answer and the log.
 *
 * @param <E> the alarm event type
 */
final class AlarmAdapter<E> implements TriggerAdapter<E> {

    private final Map<String, List<String>> modelsByAlarm;
    private final Function<E, String> name;
    private final Function<E, String> state;

    private AlarmAdapter(Map<String, List<String>> modelsByAlarm, Function<E, String> name, Function<E, String> state) {
        this.modelsByAlarm = Map.copyOf(modelsByAlarm);
        this.name = name;
        this.state = state;
    }

    static AlarmAdapter<CloudWatchMetricAlarmEvent> metric(Map<String, List<String>> modelsByAlarm) {
        return new AlarmAdapter<>(modelsByAlarm, e -> e.getAlarmData() == null ? null : e.getAlarmData().getAlarmName(),
                e -> e.getAlarmData() == null || e.getAlarmData().getState() == null ? null
                        : e.getAlarmData().getState().getValue());
    }

    static AlarmAdapter<CloudWatchCompositeAlarmEvent> composite(Map<String, List<String>> modelsByAlarm) {
        return new AlarmAdapter<>(modelsByAlarm, e -> e.getAlarmData() == null ? null : e.getAlarmData().getAlarmName(),
                e -> e.getAlarmData() == null || e.getAlarmData().getState() == null ? null
                        : e.getAlarmData().getState().getValue());
    }

    @Override
    public Translation translate(E event) {
        String alarm = String.valueOf(name.apply(event));
        String value = String.valueOf(state.apply(event));
        List<String> models = modelsByAlarm.get(alarm);
        if (models == null || models.isEmpty()) {
            return ignored("alarm " + Texts.quote(alarm) + " is not an idle-stop alarm of this deployment");
        }
        if (!"ALARM".equals(value)) {
            return ignored("alarm " + Texts.quote(alarm) + " is in state " + Texts.quote(value) + ", not ALARM");
        }
        return new Translation.Run(CommandRequest.forModels(Action.STOP, models).from(new Origin.IdleStop(alarm)),
                CommandResponder.INSTANCE);
    }

    @Override
    public void describe(E event, InvocationLog log) {
        log.alarm(name.apply(event));
    }

    private static Translation ignored(String reason) {
        JsonWriter w = JsonWriter.create().writeStartObject().writeFieldName("ignored").writeValue(true)
                .writeFieldName("reason").writeValue(reason).writeEndObject();
        return new Translation.Answer(Reply.json(Json.text(w), "IGNORED").withNote(reason));
    }
}
