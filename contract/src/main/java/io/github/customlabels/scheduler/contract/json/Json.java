package io.github.customlabels.scheduler.contract.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParseException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;

/**
 * Our own JSON (commands, API bodies, the configuration) read strictly into the SDK's tree model, and written with
 * the SDK's {@link JsonWriter}. Events themselves are bound by the Lambda serialization library.
 */
public final class Json {

    private static final JsonNodeParser PARSER = JsonNode.parserBuilder().removeErrorLocations(true).build();

    private Json() {
    }

    /**
     * Parses exactly one JSON document. Anything else raises {@link MalformedJsonException}: malformed or
     * truncated text, comments, trailing content after the document, and duplicate field names (which other
     * readers, such as API Gateway's validator, may resolve differently).
     */
    public static JsonNode parse(byte[] bytes) {
        checkSingleDocument(bytes);
        try {
            return PARSER.parse(bytes);
        } catch (RuntimeException e) {
            throw new MalformedJsonException("the payload is not well-formed JSON");
        }
    }

    private static void checkSingleDocument(byte[] bytes) {
        try (JsonParser parser = JsonNodeParser.DEFAULT_JSON_FACTORY.createParser(bytes)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            // The SDK's parser factory accepts comments; JSON, and so our commands, has none.
            parser.disable(JsonParser.Feature.ALLOW_COMMENTS);
            parser.disable(JsonParser.Feature.ALLOW_YAML_COMMENTS);
            if (parser.nextToken() == null) {
                throw new MalformedJsonException("the payload is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("the payload has content after its JSON document");
            }
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new MalformedJsonException("the payload repeats a field: "
                        + clip(message.replaceAll("[^\\x20-\\x7e]", "?")));
            }
            throw new MalformedJsonException(message != null && message.contains("comment")
                    ? "the payload is not well-formed JSON: it holds a comment, which JSON does not allow"
                    : "the payload is not well-formed JSON");
        } catch (IOException e) {
            throw new MalformedJsonException("the payload is not well-formed JSON");
        }
    }

    private static String clip(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** Parses a JSON document held in a string. */
    public static JsonNode parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The field of an object node, absent when the node is not an object or the field is missing or null. */
    public static Optional<JsonNode> field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode value = node.asObject().get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** A string field, absent when missing or not a string. */
    public static Optional<String> string(JsonNode node, String name) {
        return field(node, name).filter(JsonNode::isString).map(JsonNode::asString);
    }

    /** Follows a path of object fields. */
    public static Optional<JsonNode> path(JsonNode node, String... names) {
        Optional<JsonNode> current = Optional.ofNullable(node);
        for (String name : names) {
            current = current.flatMap(n -> field(n, name));
        }
        return current;
    }

    /** Writes a node back as compact JSON text. */
    public static String write(JsonNode node) {
        JsonWriter w = JsonWriter.create();
        copy(node, w);
        return text(w);
    }

    /** What a writer has written, as text. */
    public static String text(JsonWriter w) {
        return new String(w.getBytes(), StandardCharsets.UTF_8);
    }

    /** Writes a string field, or nothing when the value is null: answers and logs leave out what is unknown. */
    public static JsonWriter field(JsonWriter w, String name, String value) {
        return value == null ? w : w.writeFieldName(name).writeValue(value);
    }

    /** Writes a number field, or nothing when the value is null. */
    public static JsonWriter field(JsonWriter w, String name, Long value) {
        return value == null ? w : w.writeFieldName(name).writeValue(value.longValue());
    }

    /** Writes an array of strings. */
    public static JsonWriter strings(JsonWriter w, String name, Collection<String> values) {
        w.writeFieldName(name).writeStartArray();
        values.forEach(w::writeValue);
        return w.writeEndArray();
    }

    /** Writes a node into the SDK's JSON writer, at the writer's current position. */
    public static void copy(JsonNode node, JsonWriter w) {
        if (node == null || node.isNull()) {
            w.writeNull();
        } else if (node.isString()) {
            w.writeValue(node.asString());
        } else if (node.isNumber()) {
            w.writeNumber(node.asNumber());
        } else if (node.isBoolean()) {
            w.writeValue(node.asBoolean());
        } else if (node.isArray()) {
            w.writeStartArray();
            node.asArray().forEach(item -> copy(item, w));
            w.writeEndArray();
        } else {
            w.writeStartObject();
            node.asObject().forEach((name, value) -> copy(value, w.writeFieldName(name)));
            w.writeEndObject();
        }
    }

    /** Names the JSON type of a node for error messages. */
    public static String typeOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        } else if (node.isString()) {
            return "a string";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        } else if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
