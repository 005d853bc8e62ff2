package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.Action;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * CloudWatch alarms whose action invokes the function: an idle alarm in ALARM stops the models tied to
 * it, and only those. Other alarms and other states are ignored.
 */
final class AlarmAdapter {

    private final Map<String, List<String>> modelsByAlarm;

    AlarmAdapter(Map<String, List<String>> modelsByAlarm) {
        this.modelsByAlarm = Map.copyOf(modelsByAlarm);
    }

    /** What an alarm event asks for. */
    record AlarmDecision(String alarmName, Optional<CommandRequest> command, String ignoredBecause) {
    }

    AlarmDecision decide(JsonNode event) {
        String name = Json.path(event, "alarmData").flatMap(n -> Json.string(n, "alarmName")).orElse("");
        String state = Json.path(event, "alarmData", "state").flatMap(n -> Json.string(n, "value")).orElse("");
        List<String> models = modelsByAlarm.get(name);
        if (models == null || models.isEmpty()) {
            return new AlarmDecision(name, Optional.empty(), "alarm " + Texts.quote(name) + " is not an idle-stop alarm of this deployment");
        }
        if (!"ALARM".equals(state)) {
            return new AlarmDecision(name, Optional.empty(), "alarm " + Texts.quote(name) + " is in state "
                    + Texts.quote(state) + ", not ALARM");
        }
        return new AlarmDecision(name, Optional.of(CommandRequest.forModels(Action.STOP, models)), null);
    }
}
