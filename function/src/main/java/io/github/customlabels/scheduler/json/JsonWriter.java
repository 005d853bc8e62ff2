package io.github.customlabels.scheduler.json;

import java.util.Collection;
import java.util.Map;

/** A minimal streaming JSON writer: answers are small, so a reflection-free writer keeps start-up cheap. */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256);
    private boolean needsComma;

    private JsonWriter() {
    }

    public static JsonWriter create() {
        return new JsonWriter();
    }

    public JsonWriter beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    /** Writes a field name; the next value call writes its value. */
    public JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        needsComma = true;
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** Writes a string field, or nothing when the value is null. */
    public JsonWriter field(String name, String value) {
        return value == null ? this : name(name).value(value);
    }

    /** Writes a number field, or nothing when the value is null. */
    public JsonWriter field(String name, Long value) {
        return value == null ? this : name(name).value(value.longValue());
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    public JsonWriter stringArray(String name, Collection<String> values) {
        name(name).beginArray();
        values.forEach(this::value);
        return endArray();
    }

    public JsonWriter stringMap(String name, Map<String, String> values) {
        name(name).beginObject();
        values.forEach((k, v) -> name(k).value(v));
        return endObject();
    }

    /** Inserts an already serialized JSON value. */
    public JsonWriter raw(String json) {
        separate();
        out.append(json);
        needsComma = true;
        return this;
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
            needsComma = false;
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
