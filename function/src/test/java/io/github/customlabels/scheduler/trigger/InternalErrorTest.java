package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.CONFIG;
import static io.github.customlabels.scheduler.trigger.Fixtures.body;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static io.github.customlabels.scheduler.trigger.Fixtures.header;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.control.Command;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.ModelControlService;
import io.github.customlabels.scheduler.rekognition.Deadline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** A failure of the function's own (a bug) is an internal error naming the request id, never a Rekognition error. */
@ExtendWith(MockitoExtension.class)
class InternalErrorTest {

    private static final String REQUEST_ID = "8f5b9d1e-test-request";

    @Mock
    ModelControlService service;
    private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();
    private SchedulerHandler handler;

    @BeforeEach
    void setUp() {
        when(service.catalog()).thenReturn(CONFIG.models());
        ArgumentCaptor<CommandRequest> request = ArgumentCaptor.forClass(CommandRequest.class);
        when(service.validate(request.capture())).thenAnswer(i -> new Command(Action.START,
                List.of(new Command.Target(CONFIG.models().byName("defects").orElseThrow(), 1L, 2L)), false));
        when(service.execute(any(Command.class), any(Deadline.class)))
                .thenThrow(new IllegalStateException("a bug in the function"));
        handler = new SchedulerHandler(new Wiring(service, CommandRequest.forModels(Action.START, List.of("defects")),
                Map.of(), log, false, java.util.Optional.empty()));
    }

    @Test
    void answers500ProblemWithTheRequestIdAndKeepsTheStackTraceInTheLog() {
        JsonNode response = invoke(handler, event("apigw-rest-start.json"));

        assertEquals(500, statusCode(response));
        assertEquals("application/problem+json", header(response, "Content-Type"));
        JsonNode problem = body(response);
        assertEquals("Internal error", text(problem, "title"));
        assertTrue(text(problem, "detail").contains(REQUEST_ID), text(problem, "detail"));
        String raw = response.asObject().get("body").asString();
        assertFalse(raw.contains("IllegalStateException") || raw.contains("a bug") || raw.contains("Rekognition"), raw);
        JsonNode line = log.withMessage("invocation").get(0);
        assertEquals("ERROR", text(line, "level"));
        assertTrue(text(line, "stackTrace").contains("java.lang.IllegalStateException: a bug in the function"));
    }

    @Test
    void failsAScheduledInvocationWithAnInternalErrorNamingTheRequestId() {
        InternalErrorException e = assertThrows(InternalErrorException.class,
                () -> invoke(handler, event("schedule-start.json")));

        assertTrue(e.getMessage().startsWith("internal error in the function, request id " + REQUEST_ID), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "the runtime reports no internals");
        assertTrue(text(log.withMessage("invocation").get(0), "stackTrace").contains("IllegalStateException"));
    }
}
