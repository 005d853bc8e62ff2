package io.github.customlabels.scheduler.trigger;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds events and writes responses with the Lambda runtime's own serializers ({@code aws-lambda-java-serialization}),
 * so an event reaches the adapters exactly as a typed {@code RequestHandler} would receive it. Under Lambda (and AWS's
 * runtime interface client) the runtime's copy of the library is loaded first; both expose this same entry point.
 */
final class LambdaEvents {

    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();
    private static final Pattern REFERENCE = Pattern.compile("\\[\"([^\"]+)\"]");

    private LambdaEvents() {
    }

    /** The event of {@code type} in {@code payload}; {@code shape} names what the payload looked like, for errors. */
    static <T> T bind(byte[] payload, Class<T> type, String shape) {
        try {
            return serializer(type).fromJson(new ByteArrayInputStream(payload));
        } catch (RuntimeException e) {
            throw new InvalidCommandException(List.of("the event looks like " + shape + " but does not bind as "
                    + type.getSimpleName() + ": " + reason(e)));
        }
    }

    /** The JSON the runtime would write for {@code value}. */
    static <T> byte[] write(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        serializer(type).toJson(value, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        // Built once per type: a serializer holds a configured mapper, and the runtime caches its own the same way.
        return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
                t -> LambdaEventSerializers.serializerFor(t, LambdaEvents.class.getClassLoader()));
    }

    /** Jackson's first line and the fields it was reading, without the input it echoes. */
    private static String reason(RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = String.valueOf(cause.getMessage());
        List<String> path = new ArrayList<>();
        Matcher m = REFERENCE.matcher(message);
        while (m.find()) {
            path.add(m.group(1));
        }
        String first = message.lines().findFirst().orElse("").replaceAll(" at \\[Source.*", "");
        return (path.isEmpty() ? "" : "field " + String.join(".", path) + ": ") + Texts.clip(first);
    }
}
