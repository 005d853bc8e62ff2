package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.Action;
import io.github.customlabels.scheduler.control.Command;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelConfig;
import io.github.customlabels.scheduler.control.ModelControlService;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.control.Outcome;
import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.json.MalformedJsonException;
import io.github.customlabels.scheduler.rekognition.Deadline;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * API Gateway REST (payload 1.0) and HTTP API / function URL (payload 2.0) requests: routes them to the
 * model-control service and answers with JSON or {@code application/problem+json}.
 */
final class ApiGatewayAdapter {

    /** Bodies are a few fields; anything larger is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final ModelControlService service;

    ApiGatewayAdapter(ModelControlService service) {
        this.service = service;
    }

    /** The parts of a proxy event that routing needs. */
    record HttpRequest(String method, String path, JsonNode event) {

        static HttpRequest of(JsonNode event, boolean payloadV2) {
            String method = payloadV2 ? Json.path(event, "requestContext", "http").flatMap(n -> Json.string(n, "method")).orElse("")
                    : Json.string(event, "httpMethod").orElse("");
            String path = payloadV2 ? Json.string(event, "rawPath").orElse("/") : restPath(event);
            if (payloadV2) {
                // HTTP APIs put a named stage in front of the path; the $default stage adds nothing.
                String stage = Json.path(event, "requestContext").flatMap(n -> Json.string(n, "stage")).orElse("$default");
                if (!"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
                    path = path.substring(stage.length() + 1);
                }
            }
            return new HttpRequest(method.toUpperCase(java.util.Locale.ROOT), path, event);
        }

        /**
         * A REST API names the matched resource and its path parameters; behind a custom domain, {@code path} also
         * carries the base path mapping, so the resource is the reliable route when it is one of this API's.
         */
        private static String restPath(JsonNode event) {
            String resource = Json.string(event, "resource").orElse("");
            Optional<String> name = Json.path(event, "pathParameters").flatMap(n -> Json.string(n, "name"));
            if (resource.equals("/models")) {
                return resource;
            }
            if (resource.startsWith("/models/{name}") && name.isPresent()) {
                // Re-encoded so that a name holding '/' stays one segment when the path is split again.
                return resource.replace("{name}", URLEncoder.encode(name.get(), StandardCharsets.UTF_8));
            }
            return Json.string(event, "path").orElse("/");
        }
    }

    /** What the invocation log records about an API call. */
    record Handled(HttpResponse response, Action action, List<String> models, String outcome) {
    }

    /** Runs a validated command: the handler's way, so that every model action is logged and measured. */
    @FunctionalInterface
    interface Runner {
        CommandResult run(Command command, Deadline deadline);
    }

    Handled handle(HttpRequest request, Deadline deadline, Runner runner) {
        List<String> segments = segments(request.path());
        if (segments == null || segments.isEmpty() || !"models".equals(segments.get(0)) || segments.size() > 3) {
            return problem(404, "no-such-route", "No such route",
                    "no route for " + request.method() + " " + Texts.clip(request.path())
                            + "; routes: GET /models, GET /models/{name}, POST /models/{name}/start, POST /models/{name}/stop");
        }
        if (segments.size() == 1) {
            return request.method().equals("GET") ? list(deadline, runner) : notAllowed(request, "GET");
        }
        String name = segments.get(1);
        Action action;
        String allowed;
        if (segments.size() == 2) {
            action = Action.STATUS;
            allowed = "GET";
        } else if ("start".equals(segments.get(2)) || "stop".equals(segments.get(2))) {
            action = Action.parse(segments.get(2)).orElseThrow();
            allowed = "POST";
        } else {
            return problem(404, "no-such-route", "No such route", "no route for " + request.method() + " "
                    + Texts.clip(request.path()) + "; a model's actions are start and stop");
        }
        if (!request.method().equals(allowed)) {
            return notAllowed(request, allowed);
        }
        if (!MODEL_NAME.matcher(name).matches()) {
            return invalid(List.of("the model name in the path, " + Texts.quote(name)
                    + ", must be 1 to 64 letters, digits, '-' or '_'"));
        }
        return run(request, action, name, deadline, runner);
    }

    private Handled run(HttpRequest request, Action action, String name, Deadline deadline, Runner runner) {
        CommandRequest commandRequest;
        try {
            commandRequest = action == Action.STATUS ? CommandRequest.forModel(action, name, null, null, false)
                    : readBody(request, action, name);
        } catch (BodyTooLarge e) {
            return problem(413, "body-too-large", "The request body is too large",
                    "the body must not exceed " + MAX_BODY_BYTES + " bytes");
        } catch (InvalidCommandException e) {
            return invalid(e.problems());
        }
        Command command;
        try {
            command = service.validate(commandRequest);
        } catch (InvalidCommandException e) {
            return new Handled(HttpResponse.problem(e.reason() == InvalidCommandException.Reason.UNKNOWN_MODEL
                    ? Problem.unknownModel(e.problems()) : Problem.invalid(e.problems())),
                    action, List.of(name), "INVALID");
        }
        CommandResult result = runner.run(command, deadline);
        ModelResult model = result.results().get(0);
        return new Handled(respond(model), action, List.of(name), model.outcome().name());
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

    private Handled list(Deadline deadline, Runner runner) {
        List<String> names = service.catalog().all().stream().map(ModelConfig::name).toList();
        if (names.isEmpty()) {
            return new Handled(HttpResponse.json(200, Answers.modelList(List.of())), Action.STATUS, names, "REPORTED");
        }
        Command command = service.validate(CommandRequest.forModels(Action.STATUS, names));
        CommandResult result = runner.run(command, deadline);
        return new Handled(HttpResponse.json(200, Answers.modelList(result.results())), Action.STATUS, names,
                result.succeeded() ? "REPORTED" : "PARTIAL");
    }

    private static CommandRequest readBody(HttpRequest request, Action action, String name) {
        byte[] body = body(request.event());
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return CommandRequest.forModel(action, name, null, null, false);
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (MalformedJsonException e) {
            throw new InvalidCommandException(List.of("the request body is not valid JSON: " + e.getMessage()));
        }
        return CommandReader.readApiBody(json, action, name);
    }

    private static byte[] body(JsonNode event) {
        String body = Json.string(event, "body").orElse("");
        boolean base64 = Json.field(event, "isBase64Encoded").filter(JsonNode::isBoolean).map(JsonNode::asBoolean)
                .orElse(false);
        // Base64 is a third larger than what it encodes; compare against the encoded size first.
        if (body.length() > (base64 ? MAX_BODY_BYTES * 4 / 3 + 4 : MAX_BODY_BYTES)) {
            throw new BodyTooLarge();
        }
        if (!base64) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException(List.of("the request body is marked isBase64Encoded but is not valid base64"));
        }
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

    private static Handled notAllowed(HttpRequest request, String allowed) {
        Problem problem = Problem.of(405, "method-not-allowed", "Method not allowed",
                Texts.clip(request.method()) + " is not allowed on " + Texts.clip(request.path()) + "; use " + allowed);
        return new Handled(HttpResponse.problem(problem).withHeader("Allow", allowed), null, List.of(), "REJECTED");
    }

    private static Handled invalid(List<String> problems) {
        return new Handled(HttpResponse.problem(Problem.invalid(problems)), null, List.of(), "INVALID");
    }

    private static Handled problem(int status, String type, String title, String detail) {
        return new Handled(HttpResponse.problem(Problem.of(status, type, title, detail)), null, List.of(), "REJECTED");
    }

    /** The body exceeds {@link #MAX_BODY_BYTES}. */
    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
