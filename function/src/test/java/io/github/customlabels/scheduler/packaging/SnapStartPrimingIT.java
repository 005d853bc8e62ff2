package io.github.customlabels.scheduler.packaging;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import io.github.customlabels.scheduler.packaging.LocalRuntimeApi.Outcome;
import io.github.customlabels.scheduler.trigger.Fixtures;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The packaged jar on SnapStart's init path, as Lambda's Java runtime runs it. With
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, the runtime interface client (2.10.1) calls the
 * {@code beforeCheckpoint} hooks of its own CRaC context once the handler is built, then {@code restore/next}, then
 * the {@code afterRestore} hooks, and only then asks for an event. {@code org.crac} reaches that context through
 * {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}, which Lambda's managed runtime passes (without
 * it, {@code org.crac} falls back to a context nobody calls). There is no real snapshot here: the JVM goes on.
 *
 * <p>Credentials come from the container provider, as SnapStart functions get them: no keys in the environment.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnapStartPrimingIT {

    private static final String HANDLER = "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest";
    private static final Path JAR = Path.of("target", "custom-labels-scheduler.jar");
    private static final Path FUNCTION_LOG = Path.of("target", "snapstart-priming-it", "function.log");
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final String CONTAINER_KEY_ID = "AKIDCONTAINERSNAPSTART";
    private static final String CONTAINER_TOKEN = "snapstart-container-token";

    @TempDir
    static Path taskRoot;

    private static LocalRekognition rekognition;
    private static LocalRuntimeApi runtime;
    private static HttpServer containerCredentials;
    private static final AtomicInteger credentialFetches = new AtomicInteger();
    private static Process function;
    /** What Rekognition had received when the runtime first asked for an event, i.e. during the whole init. */
    private static int rekognitionCallsDuringInit;

    @BeforeAll
    static void initialiseTheFunctionAsForASnapshot() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run `mvn verify`, which shades it first");
        PackagedFunctionIT.unzip(JAR, taskRoot);
        rekognition = new LocalRekognition();
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        runtime = new LocalRuntimeApi(Duration.ofSeconds(30));
        containerCredentials = credentialsEndpoint();
        Files.createDirectories(FUNCTION_LOG.getParent());

        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx870m",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-classpath", PackagedFunctionIT.runtimeClasspath(),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(FUNCTION_LOG.toFile());
        builder.environment().clear();
        builder.environment().putAll(snapStartEnvironment());
        function = builder.start();

        // No event is queued yet: the first `next` marks the end of init, hooks included.
        await(runtime.firstNext(), INIT_TIMEOUT, "the end of init");
        rekognitionCallsDuringInit = rekognition.totalCalls();
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (function != null) {
            function.destroy();
            if (!function.waitFor(5, TimeUnit.SECONDS)) {
                function.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (runtime != null) {
            runtime.close();
        }
        if (rekognition != null) {
            rekognition.close();
        }
        if (containerCredentials != null) {
            containerCredentials.stop(0);
        }
    }

    @Test
    void primingRanBeforeTheSnapshotPointAndTheRestoreHookAfterIt() throws Exception {
        assertEquals(List.of(), runtime.initErrors(), "init or restore errors" + functionLog());
        assertTrue(runtime.restoreNext().isDone(), "the runtime never reached restore/next" + functionLog());
        assertTrue(runtime.restoreNext().get() < runtime.firstNext().get(), "restore/next comes before the first next");

        String log = readFunctionLog();
        int primed = log.indexOf("\"message\":\"snapstart priming\"");
        int restored = log.indexOf("\"message\":\"snapstart restored\"");
        assertTrue(primed >= 0, "no priming line" + functionLog());
        assertTrue(restored > primed, "the restore hook runs after the priming" + functionLog());
        // The scheduled start, the API start, the API status and a status in the second region each reached the
        // wire's edge and stopped there.
        assertTrue(log.contains("\"requestsStoppedBeforeSending\":4"), "every primed request stopped" + functionLog());
        assertFalse(log.contains("snapstart priming failed"), functionLog());
    }

    @Test
    void rekognitionReceivedNothingDuringInit() {
        assertEquals(0, rekognitionCallsDuringInit, "requests that reached Rekognition before the first event");
        // The credentials were resolved for real while priming signed its requests, from the container provider.
        assertTrue(credentialFetches.get() >= 1, "priming resolved no credentials");
    }

    @Test
    void answersAStartAfterTheRestoreWithTheContainerCredentials() throws Exception {
        Outcome outcome = await(runtime.invoke(event("direct-start.json")), ANSWER_TIMEOUT, "an answer");

        assertFalse(outcome.failed(), () -> "the invocation failed: " + outcome.body() + functionLog());
        JsonNode answer = JsonNode.parser().parse(outcome.body());
        assertEquals("true", answer.asObject().get("succeeded").text(), outcome.body());
        List<LoggedRequest> starts = rekognition.calls("StartProjectVersion");
        assertEquals(1, starts.size());
        assertTrue(starts.get(0).getBodyAsString().contains(DEFECTS_ARN));
        assertTrue(starts.get(0).getHeader("Authorization").contains("Credential=" + CONTAINER_KEY_ID + "/"),
                starts.get(0).getHeader("Authorization"));
        assertEquals(List.of(), runtime.problems(), "unexpected Runtime API requests" + functionLog());
    }

    /** Lambda's environment for SnapStart's init: container credentials instead of keys. */
    private static Map<String, String> snapStartEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", HANDLER);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "custom-labels-scheduler");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/custom-labels-scheduler");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[1]0123456789abcdef0123456789abcdef");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + containerCredentials.getAddress().getPort() + "/2021-04-23/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_TOKEN);
        // Not set by Lambda: the loopback Rekognition, and no shared AWS config or credentials from this machine.
        env.put("AWS_ENDPOINT_URL_REKOGNITION", rekognition.baseUrl());
        env.put("AWS_CONFIG_FILE", FUNCTION_LOG.resolveSibling("absent-aws-config").toAbsolutePath().toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", FUNCTION_LOG.resolveSibling("absent-aws-credentials").toAbsolutePath().toString());
        env.putAll(Fixtures.ENVIRONMENT);
        return env;
    }

    /** The container credentials endpoint, as Lambda serves it to SnapStart functions. */
    private static HttpServer credentialsEndpoint() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2021-04-23/credentials", exchange -> {
            try (exchange) {
                credentialFetches.incrementAndGet();
                boolean authorised = CONTAINER_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (authorised ? "{\"AccessKeyId\":\"" + CONTAINER_KEY_ID + "\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-session-token\",\"Expiration\":\""
                        + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}"
                        : "{\"message\":\"bad token\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(authorised ? 200 : 403, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!runtime.initErrors().isEmpty()) {
                    fail("the function failed to start: " + runtime.initErrors() + functionLog());
                }
                if (!function.isAlive()) {
                    fail("the function's JVM exited with status " + function.exitValue() + functionLog());
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("no " + what + " within " + timeout + functionLog());
                }
            }
        }
    }

    private static String readFunctionLog() {
        try {
            return Files.readString(FUNCTION_LOG);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String functionLog() {
        String log = readFunctionLog();
        return "\n--- " + FUNCTION_LOG.toAbsolutePath() + ":\n" + log.substring(Math.max(0, log.length() - 6_000));
    }
}
