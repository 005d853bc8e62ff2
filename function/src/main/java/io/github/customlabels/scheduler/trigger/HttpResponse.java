package io.github.customlabels.scheduler.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer before it becomes the response type of the request's payload version. */
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
}
