package io.github.customlabels.benchmark.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import java.util.function.LongConsumer;

/**
 * The Lambda Runtime API (2018-06-01) on loopback, with timestamps: when the runtime first asked for an event
 * (init is over), when it announced the snapshot ({@code restore/next}), and for each invocation when its event
 * was handed out and when its outcome was posted.
 */
final class RuntimeApiStub implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";

    /** One invocation's outcome and its timing on this side of the socket. */
    record Outcome(String requestId, boolean failed, String body, long handedOutNanos, long postedNanos) {
        double latencyMs() {
            return (postedNanos - handedOutNanos) / 1e6;
        }
    }

    private record Invocation(String requestId, String payload) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Long> handedOut = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final LongConsumer onFirstNext;
    private volatile boolean closed;

    /** @param onFirstNext called on the first {@code next}, before anything is answered (reads the child's CPU time) */
    RuntimeApiStub(LongConsumer onFirstNext) throws IOException {
        this.onFirstNext = onFirstNext;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-stub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host and port. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Outcome> invoke(String payload) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(requestId, outcome);
        queued.add(new Invocation(requestId, payload));
        return outcome;
    }

    /** nanoTime of the first {@code GET next}: the end of init. */
    CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** nanoTime of {@code GET restore/next}: SnapStart's beforeCheckpoint hooks have run. */
    CompletableFuture<Long> restoreNext() {
        return restoreNext;
    }

    /** Init or restore errors the runtime reported, and requests this API does not know. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals(BASE + "invocation/next")) {
                if (!firstNext.isDone()) {
                    onFirstNext.accept(arrived);
                    firstNext.complete(arrived);
                }
                next(exchange);
            } else if (path.equals(BASE + "restore/next")) {
                restoreNext.complete(arrived);
                reply(exchange, 200, "");
            } else if (path.startsWith(BASE + "invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                long posted = System.nanoTime();
                String requestId = path.substring((BASE + "invocation/").length(), path.lastIndexOf('/'));
                CompletableFuture<Outcome> outcome = outcomes.remove(requestId);
                if (outcome == null) {
                    errors.add("outcome for an unknown request id " + requestId);
                } else {
                    outcome.complete(new Outcome(requestId, path.endsWith("/error"),
                            new String(body, StandardCharsets.UTF_8), handedOut.remove(requestId), posted));
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.equals(BASE + "init/error") || path.equals(BASE + "restore/error")) {
                errors.add(path + ": " + new String(body, StandardCharsets.UTF_8));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                errors.add(exchange.getRequestMethod() + " " + path + " is not part of the Runtime API");
                reply(exchange, 404, "{}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queued.poll(50, TimeUnit.MILLISECONDS);
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
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:benchmark");
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        handedOut.put(invocation.requestId(), System.nanoTime());
        reply(exchange, 200, invocation.payload());
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
