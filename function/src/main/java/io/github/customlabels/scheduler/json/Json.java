package io.github.customlabels.scheduler.json;

import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Reads JSON into the SDK's own tree model: the SDK already ships this parser, so events are
 * read without a second JSON library and without reflection-based binding.
 */
public final class Json {

    private static final JsonNodeParser PARSER = JsonNode.parserBuilder().removeErrorLocations(true).build();

    private Json() {
    }

    /** Parses one JSON document; anything that is not well-formed JSON raises {@link MalformedJsonException}. */
    public static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0 || new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new MalformedJsonException("the payload is empty");
        }
        try {
            return PARSER.parse(bytes);
        } catch (RuntimeException e) {
            throw new MalformedJsonException("the payload is not well-formed JSON");
        }
    }

    /** Parses a JSON document held in a string. */
    public static JsonNode parse(String text) {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
