package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.customlabels.scheduler.control.Command;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelControlService;
import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.json.JsonWriter;
import io.github.customlabels.scheduler.json.MalformedJsonException;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.telemetry.ModelActionRecord;
import io.github.customlabels.scheduler.verification.CheckOutcome;
import io.github.customlabels.scheduler.verification.StartVerifier;
import io.github.customlabels.scheduler.verification.VerificationRequest;
import io.github.customlabels.scheduler.verification.VerificationSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The Lambda entry point for every trigger. It reads the raw event itself, because the runtime's own
 * serializer reshapes EventBridge and API Gateway events; it then hands a command to the service and
 * answers in the trigger's terms.
 */
public final class SchedulerHandler implements RequestStreamHandler {

    /** API Gateway gives up after 29 s; answer before that, whatever the function's timeout. */
    static final Duration API_DEADLINE = Duration.ofSeconds(27);
    /** Used when no Lambda context tells the remaining time (local runs). */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private final ModelControlService service;
    private final ApiGatewayAdapter api;
    private final EventBridgeAdapter events;
    private final AlarmAdapter alarms;
    private final CommandRequest defaultCommand;
    private final Optional<StartVerifier> verifier;
    private final LogSink log;
    /** SnapStart's priming hooks, held here because the runtime holds them weakly; null outside SnapStart's init. */
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime: everything comes from the environment the stack sets. */
    public SchedulerHandler() {
        this(Wiring.fromEnvironment(System.getenv()), SnapStartPriming.isSnapStartInit(System.getenv()));
    }

    /** Wires the handler around a service, for tests and local runs. */
    public SchedulerHandler(Wiring wiring) {
        this(wiring, false);
    }

    private SchedulerHandler(Wiring wiring, boolean snapStart) {
        this.service = wiring.service();
        this.defaultCommand = wiring.defaultCommand();
        this.verifier = wiring.verifier();
        this.log = wiring.log();
        this.api = new ApiGatewayAdapter(service);
        this.events = new EventBridgeAdapter(defaultCommand);
        this.alarms = new AlarmAdapter(wiring.idleStopAlarms());
        this.priming = snapStart ? SnapStartPriming.register(wiring) : null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        String requestId = context == null ? null : context.getAwsRequestId();
        InvocationLog log = new InvocationLog(this.log, requestId);
        JsonNode event;
        try {
            event = Json.parse(input.readAllBytes());
        } catch (MalformedJsonException e) {
            log.trigger(Trigger.UNKNOWN).outcome("INVALID").write(started);
            throw new InvalidCommandException(List.of("the event is not JSON: " + e.getMessage()));
        }
        Trigger trigger = Trigger.of(event);
        log.trigger(trigger);
        try {
            String answer = switch (trigger) {
                case API_GATEWAY_REST, API_GATEWAY_HTTP -> http(event, trigger, context, log);
                case CLOUDWATCH_ALARM -> alarm(event, context, log);
                case EVENTBRIDGE -> command(events.commandOf(event), context, log);
                case COMMAND -> command(CommandReader.read(event, "the command"), context, log);
                case VERIFICATION -> verification(event, context, log);
                case UNKNOWN -> throw new InvalidCommandException(List.of(unrecognised(event)));
            };
            output.write(answer.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidCommandException e) {
            log.outcome("INVALID").problems(e.problems());
            throw e;
        } catch (CommandFailedException e) {
            log.outcome("FAILED");
            throw e;
        } finally {
            log.write(started);
        }
    }

    private String http(JsonNode event, Trigger trigger, Context context, InvocationLog log) {
        var request = ApiGatewayAdapter.HttpRequest.of(event, trigger == Trigger.API_GATEWAY_HTTP);
        ApiGatewayAdapter.Handled handled = api.handle(request, deadline(context, API_DEADLINE),
                (command, deadline) -> execute(command, deadline, trigger, context));
        log.http(request.method(), handled.response().statusCode()).action(handled.action())
                .models(handled.models()).outcome(handled.outcome());
        return handled.response().toJson();
    }

    private String alarm(JsonNode event, Context context, InvocationLog log) {
        AlarmAdapter.AlarmDecision decision = alarms.decide(event);
        log.alarm(decision.alarmName());
        if (decision.command().isEmpty()) {
            log.outcome("IGNORED").note(decision.ignoredBecause());
            return JsonWriter.create().beginObject().field("ignored", true)
                    .field("reason", decision.ignoredBecause()).endObject().toString();
        }
        return command(decision.command().get(), context, log);
    }

    /** Runs a command; if any model's action did not happen, the invocation fails so that retries and the DLQ apply. */
    private String command(CommandRequest request, Context context, InvocationLog log) {
        Command command = service.validate(request);
        log.action(command.action()).models(command.modelNames());
        CommandResult result = execute(command, deadline(context, DEFAULT_DEADLINE), log.trigger(), context);
        log.results(result);
        String answer = Answers.commandResult(result);
        if (!result.succeeded()) {
            throw new CommandFailedException(answer);
        }
        return answer;
    }

    /** One check of a start; the verifier logs, counts and notifies its end, so the invocation itself succeeds. */
    private String verification(JsonNode event, Context context, InvocationLog log) {
        StartVerifier verifier = this.verifier.orElseThrow(() -> new InvalidCommandException(List.of(
                "a start verification check, but this deployment does not verify starts ("
                        + VerificationSettings.GROUP_VARIABLE + " is not set)")));
        VerificationRequest check = VerificationRequest.read(event);
        log.models(List.of(check.model()));
        String requestId = context == null ? null : context.getAwsRequestId();
        CheckOutcome outcome = verifier.check(check, context == null ? null : context.getInvokedFunctionArn(),
                requestId, deadline(context, DEFAULT_DEADLINE));
        log.outcome(outcome.outcome());
        return Answers.checkOutcome(outcome);
    }

    /** Runs a command, follows its starts and stops up, and writes one line per model action, with its metrics. */
    private CommandResult execute(Command command, Deadline deadline, Trigger trigger, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        CommandResult executed = service.execute(command, deadline);
        CommandResult result = verifier.map(v -> v.followUp(executed,
                context == null ? null : context.getInvokedFunctionArn(), requestId, deadline)).orElse(executed);
        long now = System.currentTimeMillis();
        for (int i = 0; i < result.results().size(); i++) {
            log.write(ModelActionRecord.line(result.results().get(i), result.elapsedMillis().get(i),
                    trigger.logName(), requestId, now));
        }
        return result;
    }

    private static Deadline deadline(Context context, Duration cap) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return Deadline.in(cap);
        }
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        return Deadline.in(remaining.compareTo(cap) < 0 ? remaining : cap);
    }

    private static String unrecognised(JsonNode event) {
        String got = event.isObject() ? "an object with fields " + Texts.clip(String.join(", ",
                event.asObject().keySet().stream().sorted().limit(10).toList())) : Json.typeOf(event);
        return "unrecognised event: expected a command (action, model, models, projectVersionArn, ...), an EventBridge"
                + " event, an API Gateway request or a CloudWatch alarm, got " + got;
    }
}
