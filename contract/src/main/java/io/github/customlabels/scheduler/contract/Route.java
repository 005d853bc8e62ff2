package io.github.customlabels.scheduler.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP API's route table: each route's method, path, the action it runs and the body it takes. The stack builds
 * the REST API's resources, methods and request models from it, and the function routes REST and HTTP API events by
 * it, so the two cannot drift apart.
 */
public enum Route {
    LIST_MODELS("GET", "/models", Action.STATUS, Set.of(), null),
    MODEL_STATUS("GET", "/models/{name}", Action.STATUS, Set.of(CommandShape.DRY_RUN), null),
    START_MODEL("POST", "/models/{name}/start", Action.START, CommandShape.ACTION_BODY_FIELDS, "ModelActionRequest"),
    STOP_MODEL("POST", "/models/{name}/stop", Action.STOP, Set.of(CommandShape.DRY_RUN), "StopRequest"),
    SET_OVERRIDE("PUT", "/models/{name}/override", Action.OVERRIDE, CommandShape.OVERRIDE_BODY_FIELDS,
            "OverrideRequest"),
    CANCEL_OVERRIDE("DELETE", "/models/{name}/override", Action.CANCEL_OVERRIDE, Set.of(CommandShape.DRY_RUN), null),
    LIST_OVERRIDES("GET", "/overrides", Action.LIST_OVERRIDES, Set.of(), null);

    /** The path parameter naming the model. */
    public static final String NAME_PARAMETER = "name";
    private static final String NAME_SEGMENT = "{" + NAME_PARAMETER + "}";

    private final String method;
    private final String path;
    private final Action action;
    private final Set<String> bodyFields;
    private final String bodySchema;

    Route(String method, String path, Action action, Set<String> bodyFields, String bodySchema) {
        this.method = method;
        this.path = path;
        this.action = action;
        this.bodyFields = bodyFields;
        this.bodySchema = bodySchema;
    }

    public String method() {
        return method;
    }

    /** The path template, e.g. {@code /models/{name}/start}. */
    public String path() {
        return path;
    }

    /** The path's segments, the model's as {@code {name}}. */
    public List<String> segments() {
        return Arrays.stream(path.substring(1).split("/")).toList();
    }

    public Action action() {
        return action;
    }

    /** True when the route acts on the model its path names; false for the routes over every configured model. */
    public boolean perModel() {
        return segments().contains(NAME_SEGMENT);
    }

    /** The fields a body may carry (each of {@link CommandShape#FIELDS}); empty for a route that takes no body. */
    public Set<String> bodyFields() {
        return bodyFields;
    }

    /** The name of the request model API Gateway validates the body against, if it validates one. */
    public Optional<String> bodySchema() {
        return Optional.ofNullable(bodySchema);
    }

    /** True for the override route, whose body must name one end at least. */
    public boolean bodyRequiresAField() {
        return this == SET_OVERRIDE;
    }

    /** The routes whose path template matches these decoded segments, whatever their method. */
    public static List<Route> matching(List<String> segments) {
        return Arrays.stream(values()).filter(route -> route.matches(segments)).toList();
    }

    /** The model's name in segments this route matches. */
    public Optional<String> modelName(List<String> segments) {
        int at = segments().indexOf(NAME_SEGMENT);
        return at < 0 ? Optional.empty() : Optional.of(segments.get(at));
    }

    /** Every route, as a 404's detail lists them: {@code GET /models, GET /models/{name}, ...}. */
    public static String describeAll() {
        return Arrays.stream(values()).map(route -> route.method + " " + route.path).collect(Collectors.joining(", "));
    }

    private boolean matches(List<String> actual) {
        List<String> template = segments();
        if (template.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            if (!template.get(i).equals(NAME_SEGMENT) && !template.get(i).equals(actual.get(i))) {
                return false;
            }
        }
        return true;
    }
}
