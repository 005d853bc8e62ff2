package io.github.customlabels.scheduler.verification;

import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * One check of a start, as its schedule sends it to the function:
 * {@code {"verification": {"model", "projectVersionArn", "check", "startedAt", "deadline"}}}, times in UTC
 * (ISO-8601, {@code Z}).
 *
 * @param check which check of this start it is, from 1: odd ones are scheduled in one slot, even ones in the other
 * @param startedAt when the start was accepted (or, for a start that found the model STARTING, when it was answered)
 * @param deadline the moment by which the model must be RUNNING
 */
public record VerificationRequest(String model, String projectVersionArn, int check, Instant startedAt,
                                  Instant deadline) {

    /** The one field of the event. */
    public static final String FIELD = "verification";
    static final Set<String> FIELDS = Set.of("model", "projectVersionArn", "check", "startedAt", "deadline");
    /** Far more checks than any timeout allows (a day, a check a minute): anything above is no check of ours. */
    static final int MAX_CHECK = 24 * 60;
    /** A model name is at most this long in the configuration; anything longer is no model of ours. */
    static final int MAX_MODEL_NAME = 64;

    /** True for an object whose only field is {@value #FIELD}: a check, told apart from every other trigger. */
    public static boolean looksLikeVerification(JsonNode event) {
        return event.isObject() && event.asObject().size() == 1 && event.asObject().containsKey(FIELD);
    }

    /** Reads a check event, naming every problem; a refused check never reaches Rekognition. */
    public static VerificationRequest read(JsonNode event) {
        JsonNode body = Json.field(event, FIELD).orElse(null);
        if (body == null || !body.isObject()) {
            throw new InvalidCommandException(List.of(FIELD + " must be an object with " + String.join(", ", sorted())
                    + ", got " + (body == null ? "nothing" : Json.typeOf(body))));
        }
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> fields = body.asObject();
        fields.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().forEach(k -> problems.add(FIELD
                + " has an unknown field \"" + k + "\" (allowed: " + String.join(", ", sorted()) + ")"));
        String model = string(fields, "model", problems);
        if (model != null && (model.isEmpty() || model.length() > MAX_MODEL_NAME)) {
            problems.add(FIELD + ".model must be a model name of 1 to " + MAX_MODEL_NAME + " characters, got "
                    + model.length());
            model = null;
        }
        String arn = string(fields, "projectVersionArn", problems);
        if (arn != null && ProjectVersionArn.parse(arn).isEmpty()) {
            problems.add(FIELD + ".projectVersionArn is not a Rekognition Custom Labels model version ARN");
        }
        int check = check(fields.get("check"), problems);
        Instant startedAt = instant(fields, "startedAt", problems);
        Instant deadline = instant(fields, "deadline", problems);
        if (startedAt != null && deadline != null && !deadline.isAfter(startedAt)) {
            problems.add(FIELD + ".deadline (" + deadline + ") must be after " + FIELD + ".startedAt (" + startedAt + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCommandException(problems);
        }
        return new VerificationRequest(model, arn, check, startedAt, deadline);
    }

    /** The event the check's schedule sends, written with the SDK's JSON writer. */
    public String toJson() {
        JsonWriter w = JsonWriter.create().writeStartObject().writeFieldName(FIELD).writeStartObject()
                .writeFieldName("model").writeValue(model)
                .writeFieldName("projectVersionArn").writeValue(projectVersionArn)
                .writeFieldName("check").writeValue(check)
                .writeFieldName("startedAt").writeValue(startedAt.toString())
                .writeFieldName("deadline").writeValue(deadline.toString())
                .writeEndObject().writeEndObject();
        return new String(w.getBytes(), StandardCharsets.UTF_8);
    }

    /** The first check of a start accepted at {@code startedAt}. */
    public static VerificationRequest first(String model, String projectVersionArn, Instant startedAt,
                                            Duration timeout) {
        return new VerificationRequest(model, projectVersionArn, 1, startedAt, startedAt.plus(timeout));
    }

    /** The check after this one, of the same start. */
    public VerificationRequest next() {
        return new VerificationRequest(model, projectVersionArn, check + 1, startedAt, deadline);
    }

    private static int check(JsonNode node, List<String> problems) {
        if (node != null && node.isNumber()) {
            try {
                int check = Integer.parseInt(node.asNumber());
                if (check >= 1 && check <= MAX_CHECK) {
                    return check;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(FIELD + ".check must be a whole number from 1 to " + MAX_CHECK + ", got "
                + (node == null ? "nothing" : node.isNumber() ? node.asNumber() : Json.typeOf(node)));
        return 0;
    }

    private static String string(Map<String, JsonNode> fields, String name, List<String> problems) {
        JsonNode node = fields.get(name);
        if (node == null || !node.isString()) {
            problems.add(FIELD + "." + name + " must be a string, got " + (node == null ? "nothing" : Json.typeOf(node)));
            return null;
        }
        return node.asString();
    }

    private static Instant instant(Map<String, JsonNode> fields, String name, List<String> problems) {
        String text = string(fields, name, problems);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(FIELD + "." + name + " must be an ISO-8601 time in UTC such as 2026-03-02T07:00:00Z, got \""
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"");
            return null;
        }
    }

    private static List<String> sorted() {
        return FIELDS.stream().sorted().toList();
    }
}
