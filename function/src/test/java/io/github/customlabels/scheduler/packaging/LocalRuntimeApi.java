package io.github.customlabels.scheduler.packaging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) on loopback, as a runtime sees it inside an execution environment:
 * {@code next} hands out one queued event at a time, and the runtime posts each invocation's response or
 * error, or an init error if the function cannot start. Anything else the runtime sends is kept as a problem.
 */
final class LocalRuntimeApi implements AutoCloseable {

    static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:custom-labels-scheduler";

    private static final String BASE = "/2018-06-01/runtime/";
    private static final Pattern RESULT = Pattern.compile(BASE + "invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    /** What the runtime posted for one invocation ({@code /response} or {@code /error}). */
    record Outcome(String requestId, boolean failed, String body, String errorTypeHeader) {
    }

    /** What the runtime posted to {@code /init/error}. */
    record InitError(String errorTypeHeader, String body) {
    }

    private record Invocation(String requestId, String payload, Duration timeout) {
    }

    private final Duration functionTimeout;
    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final List<InitError> initErrors = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private volatile boolean closed;

    /** @param functionTimeout the function's configured timeout, which sets each invocation's deadline */
    LocalRuntimeApi(Duration functionTimeout) throws IOException {
        this.functionTimeout = functionTimeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A long poll on next must not hold up anything else the runtime sends.
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "local-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the runtime's next poll; the future completes when the runtime reports the outcome. */
    CompletableFuture<Outcome> invoke(String payload) {
        return invoke(payload, functionTimeout);
    }

    /** Queues an event whose deadline is this far from the moment the runtime takes it. */
    CompletableFuture<Outcome> invoke(String payload, Duration timeout) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(requestId, outcome);
        queued.add(new Invocation(requestId, payload, timeout));
        return outcome;
    }

    List<InitError> initErrors() {
        return List.copyOf(initErrors);
    }

    /**
     * When (nanoTime) the runtime called {@code restore/next}: with SnapStart, after the {@code beforeCheckpoint}
     * hooks and before the {@code afterRestore} ones. This API answers at once, as if the snapshot were restored.
     */
    CompletableFuture<Long> restoreNext() {
        return restoreNext;
    }

    /** When (nanoTime) the runtime first asked for an event: its init, hooks included, is over. */
    CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Requests this API does not expect: unknown paths, unknown request ids, a second outcome for one invocation. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = readAll(exchange.getRequestBody());
            if (method.equals("GET") && path.equals(BASE + "invocation/next")) {
                firstNext.complete(System.nanoTime());
                next(exchange);
                return;
            }
            if (method.equals("GET") && path.equals(BASE + "restore/next")) {
                restoreNext.complete(System.nanoTime());
                reply(exchange, 200, "");
                return;
            }
            Matcher result = RESULT.matcher(path);
            if (method.equals("POST") && result.matches()) {
                String requestId = result.group(1);
                boolean failed = result.group(2).equals("error");
                CompletableFuture<Outcome> outcome = outcomes.get(requestId);
                String text = new String(body, StandardCharsets.UTF_8);
                if (outcome == null || !outcome.complete(
                        new Outcome(requestId, failed, text, exchange.getRequestHeaders().getFirst(ERROR_TYPE)))) {
                    problems.add(method + " " + path + ": unknown request id or second outcome: " + text);
                    reply(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if (method.equals("POST") && (path.equals(BASE + "init/error") || path.equals(BASE + "restore/error"))) {
                initErrors.add(new InitError(exchange.getRequestHeaders().getFirst(ERROR_TYPE),
                        new String(body, StandardCharsets.UTF_8)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            problems.add(method + " " + path + ": not part of this Runtime API");
            reply(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
        }
    }

    /** Long-polls for the next event, as Lambda does; gives up only when this API closes. */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queued.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            reply(exchange, 500, "{\"errorMessage\":\"shutting down\",\"errorType\":\"ServiceException\"}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + invocation.timeout().toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.set("Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + invocation.requestId().replace("-", "").substring(0, 24) + ";Parent=53995c3f42cd8ad8;Sampled=0");
        reply(exchange, 200, invocation.payload());
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // For HttpServer a length of 0 means chunked; -1 means no body.
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        outcomes.values().forEach(outcome -> outcome.cancel(false));
    }
}
