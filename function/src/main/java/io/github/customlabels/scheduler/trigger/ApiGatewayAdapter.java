package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.contract.Route;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.contract.json.MalformedJsonException;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelResult;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * API Gateway requests: REST (payload 1.0, {@link Rest}) and HTTP API / function URL (payload 2.0, {@link HttpApi}).
 * Routes a request to a command for the service, or answers at once (404, 405, 400, 413); answers the service's
 * result with JSON or {@code application/problem+json}, in the response type of the request's payload version.
 *
 * @param <E> the request event type
 */
abstract class ApiGatewayAdapter<E> implements TriggerAdapter<E> {

    /** Bodies are a few fields; anything larger is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final ModelCatalog catalog;

    private ApiGatewayAdapter(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** The parts of a proxy event that routing needs; {@code body} as sent, {@code base64} if it is encoded. */
    record HttpRequest(String method, String path, String body, boolean base64) {
    }

    abstract HttpRequest request(E event);

    /** The response as the runtime writes this payload version's response type. */
    abstract byte[] write(HttpResponse response);

    @Override
    public void describe(E event, InvocationLog log) {
        log.method(request(event).method());
    }

    @Override
    public Reply internalError(String requestId) {
        return reply(HttpResponse.problem(Problem.internalError(requestId)), "ERROR", List.of());
    }

    @Override
    public Translation translate(E event) {
        HttpRequest request = request(event);
        List<String> segments = segments(request.path());
        List<Route> routes = segments == null ? List.of() : Route.matching(segments);
        if (routes.isEmpty()) {
            String detail = segments != null && segments.size() == 3 && "models".equals(segments.get(0))
                    ? "; a model's actions are start, stop and override" : "; routes: " + Route.describeAll();
            return rejected(404, "no-such-route", "No such route",
                    "no route for " + request.method() + " " + Texts.clip(request.path()) + detail);
        }
        Optional<Route> matched = routes.stream().filter(r -> r.method().equals(request.method())).findFirst();
        if (matched.isEmpty()) {
            return notAllowed(request, routes.stream().map(Route::method).collect(Collectors.joining(", ")));
        }
        Route route = matched.get();
        if (!route.perModel()) {
            return everyModel(route.action(), new ListResponder(route.action() == Action.LIST_OVERRIDES
                    ? Answers::overrideList : Answers::modelList));
        }
        String name = route.modelName(segments).orElseThrow();
        if (!CommandShape.isModelName(name)) {
            return invalid(List.of("the model name in the path, " + Texts.quote(name)
                    + ", must be 1 to 64 letters, digits, '-' or '_'"));
        }
        if (route.action() == Action.STATUS) {
            return new Translation.Run(CommandRequest.forModel(route.action(), name, null, null, false),
                    new ModelResponder());
        }
        byte[] body;
        try {
            body = body(request);
        } catch (InvalidCommandException e) {
            return invalid(e.problems());
        }
        if (body == null) {
            return rejected(413, "body-too-large", "The request body is too large",
                    "the body must not exceed " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return new Translation.Run(readBody(body, route, name), new ModelResponder());
        } catch (InvalidCommandException e) {
            return invalid(e.problems());
        }
    }

    /** {@code GET /models} and {@code GET /overrides}: one action on every configured model. */
    private Translation everyModel(Action action, Translation.Responder responder) {
        List<String> names = catalog.all().stream().map(ModelConfig::name).toList();
        if (names.isEmpty()) {
            return new Translation.Answer(responder.answer(new CommandResult(action, false, List.of(), List.of())));
        }
        return new Translation.Run(CommandRequest.forModels(action, names), responder);
    }

    /** Answers a route for one model: 202 when the action took effect, 200 when it was not needed. */
    private final class ModelResponder implements Translation.Responder {

        @Override
        public Reply refused(InvalidCommandException e) {
            Problem problem = e.reason() == InvalidCommandException.Reason.UNKNOWN_MODEL
                    ? Problem.unknownModel(e.problems()) : Problem.invalid(e.problems());
            return reply(HttpResponse.problem(problem), "INVALID", e.problems());
        }

        @Override
        public Reply answer(CommandResult result) {
            ModelResult model = result.results().get(0);
            return reply(respond(model), model.outcome().name(), List.of());
        }
    }

    /**
     * Answers {@code GET /models} (every configured model, each with its own status or error) and {@code GET
     * /overrides} (the overrides in force, and the models whose override could not be read).
     */
    private final class ListResponder implements Translation.Responder {

        private final Function<List<ModelResult>, String> body;

        ListResponder(Function<List<ModelResult>, String> body) {
            this.body = body;
        }

        @Override
        public Reply refused(InvalidCommandException e) {
            return reply(HttpResponse.problem(Problem.invalid(e.problems())), "INVALID", e.problems());
        }

        @Override
        public Reply answer(CommandResult result) {
            return reply(HttpResponse.json(200, body.apply(result.results())),
                    result.succeeded() ? "REPORTED" : "PARTIAL", List.of());
        }
    }

    private static HttpResponse respond(ModelResult result) {
        if (result instanceof ModelResult.Refused refused) {
            return HttpResponse.problem(Problem.refused(refused));
        }
        if (result instanceof ModelResult.Failed failed) {
            return HttpResponse.problem(Problem.of(failed.error()));
        }
        boolean accepted = result.outcome() == Outcome.STARTED || result.outcome() == Outcome.STOPPED;
        return HttpResponse.json(accepted ? 202 : 200, Answers.modelResult(result));
    }

    private static CommandRequest readBody(byte[] body, Route route, String name) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return CommandRequest.forModel(route.action(), name, null, null, false);
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (MalformedJsonException e) {
            throw new InvalidCommandException(List.of("the request body is not valid JSON: " + e.getMessage()));
        }
        return CommandReader.readApiBody(json, route, name);
    }

    /** The body's bytes, decoded if base64; null when they exceed {@link #MAX_BODY_BYTES}. */
    private static byte[] body(HttpRequest request) {
        String body = request.body() == null ? "" : request.body();
        // Cheap bounds first: a character is at least one byte, and base64 is a third larger than what it encodes.
        if (body.length() > (request.base64() ? MAX_BODY_BYTES * 4 / 3 + 4 : MAX_BODY_BYTES)) {
            return null;
        }
        byte[] bytes;
        if (request.base64()) {
            try {
                bytes = Base64.getDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidCommandException(
                        List.of("the request body is marked isBase64Encoded but is not valid base64"));
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    /** Splits a path into decoded segments; null when a segment cannot be decoded. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            try {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return segments;
    }

    private Translation notAllowed(HttpRequest request, String allowed) {
        Problem problem = Problem.of(405, "method-not-allowed", "Method not allowed",
                Texts.clip(request.method()) + " is not allowed on " + Texts.clip(request.path()) + "; use " + allowed);
        return new Translation.Answer(reply(HttpResponse.problem(problem).withHeader("Allow", allowed), "REJECTED",
                List.of()));
    }

    private Translation invalid(List<String> problems) {
        return new Translation.Answer(reply(HttpResponse.problem(Problem.invalid(problems)), "INVALID", problems));
    }

    private Translation rejected(int status, String type, String title, String detail) {
        return new Translation.Answer(reply(HttpResponse.problem(Problem.of(status, type, title, detail)), "REJECTED",
                List.of()));
    }

    private Reply reply(HttpResponse response, String outcome, List<String> problems) {
        return Reply.http(write(response), response.statusCode(), outcome, problems);
    }

    private static String upper(String method) {
        return method == null ? "" : method.toUpperCase(Locale.ROOT);
    }

    /** REST API requests (payload 1.0), answered with {@link APIGatewayProxyResponseEvent}. */
    static final class Rest extends ApiGatewayAdapter<APIGatewayProxyRequestEvent> {

        Rest(ModelCatalog catalog) {
            super(catalog);
        }

        @Override
        HttpRequest request(APIGatewayProxyRequestEvent event) {
            return new HttpRequest(upper(event.getHttpMethod()), path(event), event.getBody(),
                    Boolean.TRUE.equals(event.getIsBase64Encoded()));
        }

        /**
         * A REST API names the matched resource and its path parameters; behind a custom domain, {@code path} also
         * carries the base path mapping, so the resource is the reliable route when it is one of this API's.
         */
        private static String path(APIGatewayProxyRequestEvent event) {
            String resource = event.getResource() == null ? "" : event.getResource();
            Map<String, String> parameters = event.getPathParameters();
            String name = parameters == null ? null : parameters.get("name");
            if (resource.equals("/models") || resource.equals("/overrides")) {
                return resource;
            }
            if (resource.startsWith("/models/{name}") && name != null) {
                // Re-encoded so that a name holding '/' stays one segment when the path is split again.
                return resource.replace("{name}", URLEncoder.encode(name, StandardCharsets.UTF_8));
            }
            return event.getPath() == null ? "/" : event.getPath();
        }

        @Override
        byte[] write(HttpResponse response) {
            return LambdaEvents.write(new APIGatewayProxyResponseEvent().withStatusCode(response.statusCode())
                    .withHeaders(response.headers()).withBody(response.body()).withIsBase64Encoded(false),
                    APIGatewayProxyResponseEvent.class);
        }
    }

    /** HTTP API and function URL requests (payload 2.0), answered with {@link APIGatewayV2HTTPResponse}. */
    static final class HttpApi extends ApiGatewayAdapter<APIGatewayV2HTTPEvent> {

        HttpApi(ModelCatalog catalog) {
            super(catalog);
        }

        @Override
        HttpRequest request(APIGatewayV2HTTPEvent event) {
            var context = event.getRequestContext();
            String method = context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
            String path = event.getRawPath() == null ? "/" : event.getRawPath();
            // HTTP APIs put a named stage in front of the path; the $default stage adds nothing.
            String stage = context == null || context.getStage() == null ? "$default" : context.getStage();
            if (!"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
                path = path.substring(stage.length() + 1);
            }
            return new HttpRequest(upper(method), path, event.getBody(), event.getIsBase64Encoded());
        }

        @Override
        byte[] write(HttpResponse response) {
            return LambdaEvents.write(APIGatewayV2HTTPResponse.builder().withStatusCode(response.statusCode())
                    .withHeaders(response.headers()).withBody(response.body()).withIsBase64Encoded(false).build(),
                    APIGatewayV2HTTPResponse.class);
        }
    }
}
