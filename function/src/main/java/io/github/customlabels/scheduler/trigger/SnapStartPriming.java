package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.ModelCatalog;
import io.github.customlabels.scheduler.control.ModelConfig;
import io.github.customlabels.scheduler.json.JsonWriter;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.telemetry.LogSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** SnapStart priming: before the snapshot, real events run through the handler and no request leaves the process. */
final class SnapStartPriming implements Resource {

    /** Lambda's value of {@code AWS_LAMBDA_INITIALIZATION_TYPE} when it initialises a version for its snapshot. */
    static final String SNAP_START = "snap-start";

    /** A second handler on the same service, logging nowhere: priming is not traffic and must not count as such. */
    private final SchedulerHandler handler;
    private final List<String> events;
    private final LogSink log;

    SnapStartPriming(Wiring wiring) {
        this.handler = new SchedulerHandler(wiring.withLog(line -> { }));
        this.events = events(wiring.service().catalog());
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
        log.write(JsonWriter.create().beginObject().field("level", "INFO").field("message", "snapstart restored")
                .endObject().toString());
    }

    /**
     * Runs the events with transmission stopped and returns how many requests were stopped. Never throws: a priming
     * that fails (no credentials, say) costs a slower first invoke, never a failed snapshot.
     */
    int prime() {
        long started = System.nanoTime();
        try {
            int stopped = RekognitionGateway.withoutSending(() -> events.forEach(this::invoke));
            log.write(JsonWriter.create().beginObject().field("level", "INFO").field("message", "snapstart priming")
                    .field("events", (long) events.size()).field("requestsStoppedBeforeSending", (long) stopped)
                    .field("durationMs", (System.nanoTime() - started) / 1_000_000).endObject().toString());
            return stopped;
        } catch (RuntimeException | LinkageError e) {
            log.write(JsonWriter.create().beginObject().field("level", "WARN").field("message", "snapstart priming failed")
                    .field("error", String.valueOf(e)).endObject().toString());
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
     * The paths that real traffic takes first, for the first configured model: a scheduled start (command), an API
     * start (REST payload) and an API status (HTTP API payload: DescribeProjectVersions, or DescribeProjects). Then
     * an API status for the first model of every other region, so that each region's endpoint is resolved too.
     */
    static List<String> events(ModelCatalog catalog) {
        List<String> events = new ArrayList<>();
        Set<String> regions = new HashSet<>();
        for (ModelConfig model : catalog.all()) {
            if (events.isEmpty()) {
                events.add(JsonWriter.create().beginObject().field("action", "start").field("model", model.name())
                        .endObject().toString());
                events.add(restStart(model.name()));
            }
            if (regions.add(model.projectVersionArn().region())) {
                events.add(httpStatus(model.name()));
            }
        }
        return events;
    }

    private static String restStart(String model) {
        return JsonWriter.create().beginObject()
                .field("resource", "/models/{name}/start").field("path", "/models/" + model + "/start")
                .field("httpMethod", "POST").name("headers").beginObject().endObject()
                .name("requestContext").beginObject().field("httpMethod", "POST").field("stage", "prod").endObject()
                .name("pathParameters").beginObject().field("name", model).endObject()
                .name("body").raw("null").field("isBase64Encoded", false).endObject().toString();
    }

    private static String httpStatus(String model) {
        return JsonWriter.create().beginObject().field("version", "2.0")
                .field("routeKey", "GET /models/{name}").field("rawPath", "/models/" + model)
                .name("requestContext").beginObject().name("http").beginObject().field("method", "GET")
                .field("path", "/models/" + model).endObject().field("stage", "$default").endObject()
                .field("isBase64Encoded", false).endObject().toString();
    }
}
