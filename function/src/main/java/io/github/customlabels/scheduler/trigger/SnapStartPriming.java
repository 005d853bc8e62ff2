package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchMetricAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.verification.StartVerifier;
import io.github.customlabels.scheduler.verification.VerificationRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** SnapStart priming: before the snapshot, real events run through the handler and no request leaves the process. */
final class SnapStartPriming implements Resource {

    /** Lambda's value of {@code AWS_LAMBDA_INITIALIZATION_TYPE} when it initialises a version for its snapshot. */
    static final String SNAP_START = "snap-start";
    /** The source of priming's own EventBridge event, and the alarm name it uses when no idle alarm is configured. */
    static final String PRIMING_SOURCE = "custom-labels-scheduler.snapstart-priming";
    private static final String PRIMING_FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:snapstart-priming";
    private static final Duration PRIMING_CHECK_WINDOW = Duration.ofMinutes(1);

    /** A second handler on the same service, logging nowhere: priming is not traffic and must not count as such. */
    private final SchedulerHandler handler;
    private final List<String> events;
    /** A check of the first model's start, when the deployment verifies starts. */
    private final Optional<Runnable> firstCheck;
    private final LogSink log;

    SnapStartPriming(Wiring wiring) {
        Wiring quiet = wiring.withoutSnapStart().withLog(line -> { });
        this.handler = new SchedulerHandler(quiet);
        this.events = events(wiring.service().catalog(), wiring.idleStopAlarms());
        this.firstCheck = wiring.service().catalog().all().stream().findFirst()
                .flatMap(model -> quiet.verifier().map(verifier -> () -> check(verifier, model)));
        this.log = wiring.log();
    }

    /** True when Lambda initialises this environment for a SnapStart snapshot: only then do the hooks ever run. */
    static boolean isSnapStartInit(Map<String, String> env) {
        return SNAP_START.equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    /** Registers the hooks; the caller keeps the returned object, which the runtime only holds weakly. */
    static SnapStartPriming register(Wiring wiring) {
        SnapStartPriming priming = new SnapStartPriming(wiring);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        log.write(Json.text(JsonWriter.create().writeStartObject().writeFieldName("level").writeValue("INFO")
                .writeFieldName("message").writeValue("snapstart restored").writeEndObject()));
    }

    /**
     * Runs the events with transmission stopped and returns how many requests were stopped. Never throws: a priming
     * that fails (no credentials, say) costs a slower first invoke, never a failed snapshot.
     */
    int prime() {
        long started = System.nanoTime();
        try {
            int stopped = RekognitionGateway.withoutSending(() -> {
                events.forEach(this::invoke);
                firstCheck.ifPresent(Runnable::run);
            });
            log.write(Json.text(JsonWriter.create().writeStartObject()
                    .writeFieldName("level").writeValue("INFO")
                    .writeFieldName("message").writeValue("snapstart priming")
                    .writeFieldName("events").writeValue(events.size())
                    .writeFieldName("requestsStoppedBeforeSending").writeValue(stopped)
                    .writeFieldName("durationMs").writeValue((System.nanoTime() - started) / 1_000_000)
                    .writeEndObject()));
            return stopped;
        } catch (RuntimeException | LinkageError e) {
            log.write(Json.text(JsonWriter.create().writeStartObject()
                    .writeFieldName("level").writeValue("WARN")
                    .writeFieldName("message").writeValue("snapstart priming failed")
                    .writeFieldName("error").writeValue(String.valueOf(e)).writeEndObject()));
            return 0;
        }
    }

    private void invoke(String event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        } catch (java.io.IOException | RuntimeException e) {
            // Every request was stopped, so the command "fails" (CommandFailedException): that is the point. Any
            // other surprise in one event must not keep the others from priming.
        }
    }

    /**
     * A check of a start, as Scheduler would invoke it: Rekognition's answer is stopped, so the check schedules the next
     * one, and the Scheduler client is built and that request stopped too. Called on the verifier, not through the
     * handler: a check names the function's own ARN, which only a Lambda context carries; priming's has its shape, and
     * its request never leaves.
     */
    private static void check(StartVerifier verifier, ModelConfig model) {
        try {
            verifier.check(VerificationRequest.first(model.name(), model.projectVersionArn().value(), Instant.now(),
                    PRIMING_CHECK_WINDOW), PRIMING_FUNCTION_ARN, null, Deadline.in(PRIMING_CHECK_WINDOW));
        } catch (RuntimeException e) {
            // Every request is stopped: however the check ends, it has taken the path a real one takes.
        }
    }

    /**
     * The paths that real traffic takes first, one per trigger, for the first configured model: a start (a command),
     * the read of its override that every schedule run and idle stop begins with (a list-overrides command:
     * ListTagsForResource), an API start (REST payload), an API status (HTTP API payload: DescribeProjectVersions, or
     * DescribeProjects), a custom EventBridge event asking for its status, and an idle alarm in state OK (which the
     * alarm path ignores: it stops nothing). Then an API status for the first model of every other region, so that
     * each region's endpoint is resolved too. The events are built with the events library's own types and written by
     * the runtime's serializers, so priming binds them exactly as real events are bound.
     */
    static List<String> events(ModelCatalog catalog, Map<String, List<String>> idleStopAlarms) {
        List<String> events = new ArrayList<>();
        Set<String> regions = new HashSet<>();
        for (ModelConfig model : catalog.all()) {
            boolean newRegion = regions.add(model.projectVersionArn().region());
            if (events.isEmpty()) {
                events.add(Json.text(JsonWriter.create().writeStartObject()
                        .writeFieldName("action").writeValue("start")
                        .writeFieldName("model").writeValue(model.name()).writeEndObject()));
                events.add(Json.text(JsonWriter.create().writeStartObject()
                        .writeFieldName("action").writeValue(Action.LIST_OVERRIDES.wireName())
                        .writeFieldName("model").writeValue(model.name()).writeEndObject()));
                events.add(restStart(model.name()));
                events.add(httpStatus(model.name()));
                events.add(customStatusEvent(model.name()));
                events.add(alarmInOk(idleStopAlarms.keySet().stream().sorted().findFirst().orElse(PRIMING_SOURCE)));
            } else if (newRegion) {
                events.add(httpStatus(model.name()));
            }
        }
        return events;
    }

    private static String restStart(String model) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource("/models/{name}/start").withPath("/models/" + model + "/start").withHttpMethod("POST")
                .withHeaders(Map.of()).withPathParameters(Map.of("name", model)).withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withHttpMethod("POST")
                        .withStage("prod"));
        return text(LambdaEvents.write(event, APIGatewayProxyRequestEvent.class));
    }

    private static String httpStatus(String model) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0")
                .withRouteKey("GET /models/{name}").withRawPath("/models/" + model).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/models/" + model).build()).build())
                .build();
        return text(LambdaEvents.write(event, APIGatewayV2HTTPEvent.class));
    }

    private static String customStatusEvent(String model) {
        ScheduledEvent event = new ScheduledEvent().withVersion("0").withSource(PRIMING_SOURCE)
                .withDetailType("SnapStart Priming").withResources(List.of())
                .withDetail(Map.of("action", "status", "model", model));
        return text(LambdaEvents.write(event, ScheduledEvent.class));
    }

    private static String alarmInOk(String alarmName) {
        CloudWatchMetricAlarmEvent event = CloudWatchMetricAlarmEvent.builder().withSource("aws.cloudwatch")
                .withAlarmData(CloudWatchMetricAlarmEvent.AlarmData.builder().withAlarmName(alarmName)
                        .withState(CloudWatchMetricAlarmEvent.State.builder().withValue("OK").build()).build())
                .build();
        return text(LambdaEvents.write(event, CloudWatchMetricAlarmEvent.class));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
