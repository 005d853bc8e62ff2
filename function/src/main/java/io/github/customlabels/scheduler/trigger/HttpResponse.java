package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** An API Gateway proxy response; the same shape answers payload 1.0 and 2.0. */
record HttpResponse(int statusCode, Map<String, String> headers, String body) {

    static HttpResponse json(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    static HttpResponse problem(Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/problem+json");
        if (problem.retryAfterSeconds() > 0) {
            headers.put("Retry-After", Integer.toString(problem.retryAfterSeconds()));
        }
        return new HttpResponse(problem.status(), headers, problem.toJson());
    }

    HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(statusCode, copy, body);
    }

    String toJson() {
        return JsonWriter.create().beginObject()
                .field("statusCode", (long) statusCode)
                .stringMap("headers", headers)
                .field("body", body)
                .field("isBase64Encoded", false)
                .endObject().toString();
    }
}
