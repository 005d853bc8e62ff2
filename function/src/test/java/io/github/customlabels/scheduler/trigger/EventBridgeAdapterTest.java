package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** EventBridge envelopes, loaded from {@code events/} as {@link ScheduledEvent}, become the command the service gets. */
class EventBridgeAdapterTest {

    private static final CommandRequest DEFAULT = CommandRequest.forModels(Action.START, List.of("defects"));
    private final EventBridgeAdapter adapter = new EventBridgeAdapter(DEFAULT);

    @ParameterizedTest
    @Event(value = "../events/eventbridge-custom-start.json", type = ScheduledEvent.class)
    void customEventRunsTheCommandInItsDetail(ScheduledEvent event) {
        assertEquals(new CommandRequest(Action.START, List.of(), DEFECTS_ARN, 1L, 2L, false), request(event));
    }

    @ParameterizedTest
    @Event(value = "../events/eventbridge-scheduled-rule.json", type = ScheduledEvent.class)
    void scheduledRuleWithAnEmptyDetailRunsTheDefaultCommand(ScheduledEvent event) {
        // As the rule's: overrides govern it, named by the rule's name.
        assertEquals(DEFAULT.from(new Origin.Schedule("custom-labels-warm-up")), request(event));
    }

    @Test
    void schedulersStringDetailIsBoundExplicitlyBecauseScheduledEventCannotHoldIt() throws Exception {
        String file = "../events/eventbridge-scheduler-envelope-stop.json";
        // The library's ScheduledEvent types detail as a map: a string there does not bind.
        assertThrows(RuntimeException.class, () -> EventLoader.loadEvent(file, ScheduledEvent.class));

        byte[] payload = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
        ScheduledEvent event = EventBridgeAdapter.bind(Json.parse(payload), payload);

        assertEquals("aws.scheduler", event.getSource());
        assertEquals(Map.of("action", "stop", "models", List.of("defects")), event.getDetail());
        assertEquals(CommandRequest.forModels(Action.STOP, List.of("defects"))
                .from(new Origin.Schedule("custom-labels-cool-down")), request(event));
    }

    @ParameterizedTest
    @Event(value = "../events/eventbridge-custom-start.json", type = ScheduledEvent.class)
    void aCommandInTheDetailIsReadAsStrictlyAsAnyOther(ScheduledEvent event) {
        event.setDetail(Map.of("model", "defects", "minInferenceUnits", 2.0, "warm", true));

        InvalidCommandException e = assertThrows(InvalidCommandException.class, () -> adapter.translate(event));

        assertTrue(e.problems().contains("minInferenceUnits must be a whole number, got '2.0'"), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("the event's detail has an unknown field 'warm'")),
                e.problems().toString());
    }

    @ParameterizedTest
    @Event(value = "../events/eventbridge-custom-start.json", type = ScheduledEvent.class)
    void aCustomEventWithoutACommandIsRefusedNamingItsSource(ScheduledEvent event) {
        event.setDetail(Map.of());

        InvalidCommandException e = assertThrows(InvalidCommandException.class, () -> adapter.translate(event));

        assertTrue(e.getMessage().contains("'com.example.training-pipeline'"), e.getMessage());
        assertTrue(e.getMessage().contains("carries no command"), e.getMessage());
    }

    @Test
    void aStringDetailThatHoldsNoObjectIsRefused() {
        // The real envelope, with a schedule input that is a JSON array instead of an object.
        byte[] payload = Fixtures.event("eventbridge-scheduler-envelope.json")
                .replace("\"detail\": \"{}\"", "\"detail\": \"[\\\"defects\\\"]\"").getBytes(StandardCharsets.UTF_8);

        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> EventBridgeAdapter.bind(Json.parse(payload), payload));

        assertTrue(e.getMessage().contains("must hold a JSON object, got an array"), e.getMessage());
    }

    private CommandRequest request(ScheduledEvent event) {
        return assertInstanceOf(Translation.Run.class, adapter.translate(event)).request();
    }
}
