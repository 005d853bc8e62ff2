package io.github.customlabels.scheduler.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudWatchCompositeAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchMetricAlarmEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** Alarm actions, loaded from {@code events/} as CloudWatch's own event types: only an idle alarm in ALARM stops. */
class AlarmAdapterTest {

    private static final Map<String, List<String>> IDLE_ALARMS = Fixtures.CONFIG.idleStopAlarms();

    @ParameterizedTest
    @Event(value = "../events/cloudwatch-alarm-idle.json", type = CloudWatchMetricAlarmEvent.class)
    void idleAlarmInAlarmStopsTheModelsTiedToIt(CloudWatchMetricAlarmEvent event) {
        Translation translation = AlarmAdapter.metric(IDLE_ALARMS).translate(event);

        // An idle stop: an override that keeps the model running makes it skip the model.
        assertEquals(CommandRequest.forModels(Action.STOP, List.of("defects"))
                        .from(new Origin.IdleStop("CustomLabelsScheduler-defects-idle")),
                assertInstanceOf(Translation.Run.class, translation).request());
    }

    @ParameterizedTest
    @Events(type = CloudWatchMetricAlarmEvent.class, events = {
            @Event("../events/cloudwatch-alarm-idle-ok.json"),
            @Event("../events/cloudwatch-alarm-other.json")})
    void otherAlarmsAndOtherStatesAreIgnoredWithTheReason(CloudWatchMetricAlarmEvent event) {
        Reply reply = assertInstanceOf(Translation.Answer.class, AlarmAdapter.metric(IDLE_ALARMS).translate(event))
                .reply();

        assertEquals("IGNORED", reply.outcome());
        assertTrue(reply.note().contains(Texts.quote(event.getAlarmData().getAlarmName())), reply.note());
        assertTrue(new String(reply.payload(), StandardCharsets.UTF_8).startsWith("{\"ignored\":true,\"reason\":"));
    }

    @ParameterizedTest
    @Event(value = "../events/cloudwatch-alarm-composite.json", type = CloudWatchCompositeAlarmEvent.class)
    void compositeAlarmIsDecidedByItsNameAndState(CloudWatchCompositeAlarmEvent event) {
        String name = event.getAlarmData().getAlarmName();

        Translation ignored = AlarmAdapter.composite(IDLE_ALARMS).translate(event);
        Translation stops = AlarmAdapter.composite(Map.of(name, List.of("gauges"))).translate(event);

        assertEquals("IGNORED", assertInstanceOf(Translation.Answer.class, ignored).reply().outcome());
        assertEquals(CommandRequest.forModels(Action.STOP, List.of("gauges")).from(new Origin.IdleStop(name)),
                assertInstanceOf(Translation.Run.class, stops).request());
    }
}
