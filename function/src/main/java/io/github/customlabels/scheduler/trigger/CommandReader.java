package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.contract.InferenceUnits;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.contract.Route;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelOverride;
import io.github.customlabels.scheduler.control.Origin;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Reads the command JSON shared by schedules, events, direct invokes and API bodies, naming every problem. */
final class CommandReader {


    /** The product's upper bound for inference units (the SDK's field is a 32-bit integer). */
    private static final BigInteger MAX_UNITS = BigInteger.valueOf(InferenceUnits.MAX);

    private CommandReader() {
    }

    /** True when an object carries at least one command field, or is empty (a command of defaults). */
    static boolean looksLikeCommand(JsonNode node) {
        return node.isObject() && (node.asObject().isEmpty()
                || node.asObject().keySet().stream().anyMatch(CommandShape.FIELDS::contains));
    }

    /** Reads a full command; {@code where} names its place in the event for error messages. */
    static CommandRequest read(JsonNode node, String where) {
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            throw new InvalidCommandException(List.of(where + " must be a JSON object, got " + Json.typeOf(node)));
        }
        Map<String, JsonNode> fields = node.asObject();
        unknownFields(fields, CommandShape.FIELDS, where, problems);
        Action action = action(fields.get("action"), problems);
        List<String> models = new ArrayList<>();
        JsonNode model = fields.get("model");
        if (present(model)) {
            if (model.isString() && !model.asString().isEmpty()) {
                models.add(model.asString());
            } else {
                problems.add("model must be a model name (a non-empty string), got " + describe(model));
            }
        }
        JsonNode list = fields.get("models");
        if (present(list)) {
            if (present(model)) {
                problems.add("give either model or models, not both");
            }
            readModels(list, models, problems);
        }
        String arn = null;
        JsonNode arnNode = fields.get("projectVersionArn");
        if (present(arnNode)) {
            arn = projectVersionArn(arnNode, problems);
        }
        ModelOverride override = override(fields, action, problems);
        Origin origin = origin(fields.get("schedule"), action, problems);
        Options options = options(fields, problems);
        return new CommandRequest(action, models, arn, options.min(), options.max(), options.dryRun(), override,
                origin);
    }

    /** Reads an API body for the model and action of the route, with the fields the route table allows it. */
    static CommandRequest readApiBody(JsonNode body, Route route, String model) {
        Action action = route.action();
        List<String> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw new InvalidCommandException(List.of("the request body must be a JSON object, got " + Json.typeOf(body)));
        }
        Map<String, JsonNode> fields = body.asObject();
        unknownFields(fields, route.bodyFields(), "the request body", problems);
        ModelOverride override = override(fields, action, problems);
        Options options = options(fields, problems);
        return new CommandRequest(action, List.of(model), null, options.min(), options.max(), options.dryRun(),
                override, Origin.PERSON);
    }

    /**
     * The ends of an override: ISO-8601 date and time with an offset (or Z), as a person writes them. Whether they lie
     * in the future, and not too far, is the service's check: it has the clock and the deployment's bound.
     */
    private static ModelOverride override(Map<String, JsonNode> fields, Action action, List<String> problems) {
        Instant[] ends = new Instant[2];
        for (int i = 0; i < 2; i++) {
            String field = CommandShape.OVERRIDE_FIELDS.get(i);
            JsonNode node = fields.get(field);
            if (!present(node)) {
                continue;
            }
            if (action != Action.OVERRIDE) {
                problems.add(field + " applies only to action override, not to "
                        + (action == null ? Action.START : action).wireName());
                continue;
            }
            ends[i] = instant(node, field, problems);
        }
        return action == Action.OVERRIDE ? new ModelOverride(ends[0], ends[1]) : null;
    }

    private static Instant instant(JsonNode node, String field, List<String> problems) {
        String example = "an ISO-8601 date and time with an offset, e.g. 2026-12-01T22:00:00+01:00 or "
                + "2026-12-01T21:00:00Z";
        if (!node.isString()) {
            problems.add(field + " must be " + example + ", got " + describe(node));
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field + " must be " + example + " (the offset says which clock is meant), got "
                    + Texts.quote(node.asString()));
            return null;
        }
    }

    /** A schedule's marker makes the command the schedule's, which overrides govern; without one it is a person's. */
    private static Origin origin(JsonNode node, Action action, List<String> problems) {
        if (!present(node)) {
            return Origin.PERSON;
        }
        if (!node.isString() || !CommandShape.isScheduleName(node.asString())) {
            problems.add("schedule must be the name of the schedule that sends the command (1 to 64 letters, digits,"
                    + " '.', '_' or '-'), got " + describe(node));
            return Origin.PERSON;
        }
        if (action != null && !action.schedulable()) {
            problems.add("schedule applies only to start, stop and status: overrides are set by people, not schedules");
        }
        return new Origin.Schedule(node.asString());
    }

    /** The units and dry-run flag every command shape shares. */
    private record Options(Long min, Long max, boolean dryRun) {
    }

    /** Reads the shared options, then throws if this or any earlier check found a problem. */
    private static Options options(Map<String, JsonNode> fields, List<String> problems) {
        Long min = units(fields.get("minInferenceUnits"), "minInferenceUnits", problems);
        Long max = units(fields.get("maxInferenceUnits"), "maxInferenceUnits", problems);
        if (min != null && max != null && min > max) {
            problems.add("minInferenceUnits (" + min + ") must not exceed maxInferenceUnits (" + max + ")");
        }
        boolean dryRun = dryRun(fields.get("dryRun"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidCommandException(problems);
        }
        return new Options(min, max, dryRun);
    }

    private static void unknownFields(Map<String, JsonNode> fields, Set<String> allowed, String where,
                                      List<String> problems) {
        fields.keySet().stream().filter(k -> !allowed.contains(k)).sorted().forEach(k ->
                problems.add(where + " has an unknown field " + Texts.quote(k) + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")"));
    }

    private static Action action(JsonNode node, List<String> problems) {
        if (!present(node)) {
            return null;
        }
        if (node.isString()) {
            var action = Action.parse(node.asString());
            if (action.isPresent()) {
                return action.get();
            }
        }
        problems.add("action must be one of " + String.join(", ", Arrays.stream(Action.values())
                .map(Action::wireName).toList()) + ", got " + describe(node));
        return null;
    }

    private static void readModels(JsonNode list, List<String> models, List<String> problems) {
        if (!list.isArray() || list.asArray().isEmpty()) {
            problems.add("models must be a non-empty array of model names, got " + describe(list));
            return;
        }
        if (list.asArray().size() > CommandShape.MAX_MODELS) {
            problems.add("models may name at most " + CommandShape.MAX_MODELS + " models, got " + list.asArray().size());
            return;
        }
        int i = 0;
        for (JsonNode item : list.asArray()) {
            if (item.isString() && !item.asString().isEmpty()) {
                models.add(item.asString());
            } else {
                problems.add("models[" + i + "] must be a model name (a non-empty string), got " + describe(item));
            }
            i++;
        }
    }

    private static String projectVersionArn(JsonNode node, List<String> problems) {
        if (!node.isString()) {
            problems.add("projectVersionArn must be a string, got " + describe(node));
            return null;
        }
        String arn = node.asString();
        if (arn.length() < ProjectVersionArn.MIN_LENGTH || arn.length() > ProjectVersionArn.MAX_LENGTH) {
            problems.add("projectVersionArn must be " + ProjectVersionArn.MIN_LENGTH + " to "
                    + ProjectVersionArn.MAX_LENGTH + " characters long, got " + arn.length());
            return null;
        }
        for (int i = 0; i < arn.length(); i++) {
            char c = arn.charAt(i);
            if (c <= 0x20 || c > 0x7e) {
                problems.add("projectVersionArn has " + String.format("\\u%04x", (int) c) + " at position " + i
                        + ": ARNs hold no whitespace, control or non-ASCII characters");
                return null;
            }
        }
        if (ProjectVersionArn.parse(arn).isEmpty()) {
            problems.add("projectVersionArn " + Texts.quote(arn) + " is not a Rekognition Custom Labels model version ARN"
                    + " (arn:aws:rekognition:<region>:<account>:project/<project>/version/<version>/<number>)");
            return null;
        }
        return arn;
    }

    /**
     * Units must be JSON integers from 1 to {@link InferenceUnits#MAX}: strings, fractions and booleans are refused,
     * not coerced.
     */
    static Long units(JsonNode node, String field, List<String> problems) {
        if (!present(node)) {
            return null;
        }
        if (!node.isNumber()) {
            problems.add(field + " must be an integer from 1 to " + MAX_UNITS + ", got " + describe(node));
            return null;
        }
        BigInteger value;
        try {
            value = new BigInteger(node.asNumber());
        } catch (NumberFormatException e) {
            problems.add(field + " must be a whole number, got " + Texts.quote(node.asNumber()));
            return null;
        }
        if (value.signum() < 1) {
            problems.add(field + " must be at least 1, got " + value);
            return null;
        }
        if (value.compareTo(MAX_UNITS) > 0) {
            problems.add(field + " must be at most " + MAX_UNITS + " (Rekognition's 32-bit field), got "
                    + Texts.clip(value.toString()));
            return null;
        }
        return value.longValueExact();
    }

    private static boolean dryRun(JsonNode node, List<String> problems) {
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            problems.add("dryRun must be true or false, got " + describe(node));
            return false;
        }
        return node.asBoolean();
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            return "the string " + Texts.quote(node.asString());
        }
        if (node.isNumber()) {
            return "the number " + Texts.clip(node.asNumber());
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asBoolean();
        }
        return Json.typeOf(node);
    }
}
