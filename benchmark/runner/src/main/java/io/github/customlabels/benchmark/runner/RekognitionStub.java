package io.github.customlabels.benchmark.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rekognition (AWS JSON 1.1) on loopback, answering every operation as a healthy service would, and recording
 * which operations arrived when. It also serves container credentials, as Lambda does for SnapStart functions
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}). The JDK's server, not WireMock: less work in this JVM while a
 * function's JVM is being timed on the same two cores.
 */
final class RekognitionStub implements AutoCloseable {

    static final String CREDENTIALS_PATH = "/2021-04-23/credentials";
    static final String CREDENTIALS_TOKEN = "benchmark-container-token";

    /** One request Rekognition received. */
    record Call(String operation, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Long> credentialFetches = new CopyOnWriteArrayList<>();

    RekognitionStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "rekognition-stub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::rekognition);
        server.createContext(CREDENTIALS_PATH, this::credentials);
        server.start();
    }

    /** {@code AWS_ENDPOINT_URL_REKOGNITION}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
    String credentialsUri() {
        return endpoint() + CREDENTIALS_PATH;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    int credentialFetches() {
        return credentialFetches.size();
    }

    private void rekognition(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "(none)" : target.substring(target.indexOf('.') + 1);
            calls.add(new Call(operation, System.nanoTime()));
            String body = switch (operation) {
                case "StartProjectVersion" -> "{\"Status\":\"STARTING\"}";
                case "StopProjectVersion" -> "{\"Status\":\"STOPPING\"}";
                case "DescribeProjectVersions" -> "{\"ProjectVersionDescriptions\":[]}";
                case "DescribeProjects" -> "{\"ProjectDescriptions\":[]}";
                default -> null;
            };
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
            if (body == null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "UnknownOperationException");
                body = "{\"__type\":\"UnknownOperationException\"}";
                send(exchange, 400, body);
            } else {
                send(exchange, 200, body);
            }
        }
    }

    private void credentials(HttpExchange exchange) throws IOException {
        try (exchange) {
            credentialFetches.add(System.nanoTime());
            if (!CREDENTIALS_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 403, "{\"message\":\"bad token\"}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            send(exchange, 200, "{\"AccessKeyId\":\"AKIDCONTAINERBENCH\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-session-token\",\"Expiration\":\""
                    + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
