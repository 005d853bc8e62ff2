package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchCompositeAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchMetricAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.contract.json.MalformedJsonException;
import io.github.customlabels.scheduler.control.Command;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelControlService;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.telemetry.ModelActionRecord;
import io.github.customlabels.scheduler.verification.CheckOutcome;
import io.github.customlabels.scheduler.verification.StartVerifier;
import io.github.customlabels.scheduler.verification.VerificationRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The Lambda entry point for every trigger. One path for all of them: read the payload (strictly, then bound to its
 * {@code aws-lambda-java-events} type by the runtime's own serializers), let the trigger's adapter translate it,
 * validate and execute the command with the model-control service, log, and write the adapter's answer.
 */
public final class SchedulerHandler implements RequestStreamHandler {

    /** API Gateway gives up after 29 s; answer before that, whatever the function's timeout. */
    static final Duration API_DEADLINE = Duration.ofSeconds(27);
    /** Used when no Lambda context tells the remaining time (local runs). */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private final ModelControlService service;
    private final CommandAdapter commands = new CommandAdapter();
    private final EventBridgeAdapter events;
    private final ApiGatewayAdapter.Rest restApi;
    private final ApiGatewayAdapter.HttpApi httpApi;
    private final AlarmAdapter<CloudWatchMetricAlarmEvent> metricAlarms;
    private final AlarmAdapter<CloudWatchCompositeAlarmEvent> compositeAlarms;
    private final LogSink log;
    private final Optional<StartVerifier> verifier;
    /** SnapStart's priming hooks, held here because the runtime holds them weakly; null outside SnapStart's init. */
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime: everything comes from the environment the stack sets. */
    public SchedulerHandler() {
        this(Wiring.fromEnvironment(System.getenv()));
    }

    /** Wires the handler around a service, for tests and local runs. */
    public SchedulerHandler(Wiring wiring) {
        this.service = wiring.service();
        this.log = wiring.log();
        this.verifier = wiring.verifier();
        this.events = new EventBridgeAdapter(wiring.defaultCommand());
        this.restApi = new ApiGatewayAdapter.Rest(service.catalog());
        this.httpApi = new ApiGatewayAdapter.HttpApi(service.catalog());
        this.metricAlarms = AlarmAdapter.metric(wiring.idleStopAlarms());
        this.compositeAlarms = AlarmAdapter.composite(wiring.idleStopAlarms());
        this.priming = wiring.snapStartInit() ? SnapStartPriming.register(wiring) : null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        String requestId = context == null ? null : context.getAwsRequestId();
        InvocationLog log = new InvocationLog(this.log, requestId);
        Reply reply;
        try {
            reply = handle(input.readAllBytes(), context, log);
        } catch (InvalidCommandException e) {
            // The event itself is unreadable, of no known shape, or a command that breaks a rule.
            reply = Reply.failed(e, "INVALID", e.problems());
        }
        log.outcome(reply.outcome()).httpStatus(reply.httpStatus()).problems(reply.problems()).note(reply.note())
                .write(started);
        if (reply.failure() != null) {
            throw reply.failure();
        }
        output.write(reply.payload());
    }

    /** Reads the payload and runs it through the adapter of its trigger. */
    private Reply handle(byte[] payload, Context context, InvocationLog log) {
        JsonNode event;
        try {
            // Strict first (one document, no duplicate keys, no comments): the runtime's binding would let those pass.
            event = Json.parse(payload);
        } catch (MalformedJsonException e) {
            throw new InvalidCommandException(List.of("the event is not JSON: " + e.getMessage()));
        }
        Trigger trigger = Trigger.of(event);
        log.trigger(trigger);
        return switch (trigger) {
            case API_GATEWAY_REST -> run(restApi, bind(payload, APIGatewayProxyRequestEvent.class, trigger), context, log);
            case API_GATEWAY_HTTP -> run(httpApi, bind(payload, APIGatewayV2HTTPEvent.class, trigger), context, log);
            case CLOUDWATCH_METRIC_ALARM ->
                    run(metricAlarms, bind(payload, CloudWatchMetricAlarmEvent.class, trigger), context, log);
            case CLOUDWATCH_COMPOSITE_ALARM ->
                    run(compositeAlarms, bind(payload, CloudWatchCompositeAlarmEvent.class, trigger), context, log);
            case EVENTBRIDGE -> run(events, EventBridgeAdapter.bind(event, payload), context, log);
            case COMMAND -> run(commands, event, context, log);
            case VERIFICATION -> verify(event, context, log);
            case UNKNOWN -> throw new InvalidCommandException(List.of(Trigger.unrecognised(event)));
        };
    }

    private static <E> E bind(byte[] payload, Class<E> type, Trigger trigger) {
        return LambdaEvents.bind(payload, type, trigger.shape());
    }

    /** The one path: translate, validate, execute, answer. Anything unforeseen is an internal error, not bad input. */
    private <E> Reply run(TriggerAdapter<E> adapter, E event, Context context, InvocationLog log) {
        try {
            adapter.describe(event, log);
            Translation translation = adapter.translate(event);
            if (translation instanceof Translation.Answer answer) {
                return answer.reply();
            }
            Translation.Run run = (Translation.Run) translation;
            log.action(run.request().action() == null ? Action.START : run.request().action())
                    .models(run.request().models());
            Command command;
            try {
                command = service.validate(run.request());
            } catch (InvalidCommandException e) {
                return run.responder().refused(e);
            }
            log.action(command.action()).models(command.modelNames());
            Deadline deadline = deadline(context, log.trigger().isHttp() ? API_DEADLINE : DEFAULT_DEADLINE);
            CommandResult executed = service.execute(command, deadline);
            // Every start Rekognition accepted is followed up, whatever the trigger; every stop ends its checks.
            CommandResult result = verifier.map(v -> v.followUp(executed, invokedArn(context), requestId(context),
                    deadline)).orElse(executed);
            writeModelLines(result, log.trigger(), context);
            return run.responder().answer(result);
        } catch (InvalidCommandException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error(e);
            return adapter.internalError(context == null ? null : context.getAwsRequestId());
        }
    }

    /**
     * One check of a start. The verifier logs, counts and notifies how it ended, so the invocation succeeds whatever
     * the model's state: a failed invocation would be retried, and notify twice. A check it cannot read is refused.
     */
    private Reply verify(JsonNode event, Context context, InvocationLog log) {
        StartVerifier startVerifier = verifier.orElseThrow(() -> new InvalidCommandException(List.of(
                "a check of a start, but this deployment does not verify starts ("
                        + VerificationSettings.GROUP_VARIABLE + " is not set)")));
        VerificationRequest check = VerificationRequest.read(event);
        log.action(Action.STATUS).models(List.of(check.model()));
        try {
            CheckOutcome outcome = startVerifier.check(check, invokedArn(context), requestId(context),
                    deadline(context, DEFAULT_DEADLINE));
            return Reply.json(Answers.checkOutcome(outcome), outcome.outcome());
        } catch (InvalidCommandException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error(e);
            return Reply.failed(new InternalErrorException(requestId(context)), "ERROR", List.of());
        }
    }

    private static String requestId(Context context) {
        return context == null ? null : context.getAwsRequestId();
    }

    private static String invokedArn(Context context) {
        return context == null ? null : context.getInvokedFunctionArn();
    }

    /** One line per model action, with its metrics. */
    private void writeModelLines(CommandResult result, Trigger trigger, Context context) {
        long now = System.currentTimeMillis();
        String requestId = context == null ? null : context.getAwsRequestId();
        for (int i = 0; i < result.results().size(); i++) {
            log.write(ModelActionRecord.line(result.results().get(i), result.elapsedMillis().get(i),
                    trigger.logName(), requestId, now));
        }
    }

    private static Deadline deadline(Context context, Duration cap) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return Deadline.in(cap);
        }
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        return Deadline.in(remaining.compareTo(cap) < 0 ? remaining : cap);
    }
}
