package io.github.customlabels.scheduler.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.packaging.LocalRuntimeApi.Outcome;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static final Path FUNCTION_LOG = Path.of("target", "snapstart-priming-it", "function.log");
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final String CONTAINER_KEY_ID = "AKIDCONTAINERSNAPSTART";
    private static final String CONTAINER_TOKEN = "snapstart-container-token";

    @TempDir
    static Path taskRoot;

    private static LocalRekognition rekognition;
    /** The loopback Scheduler the start checks are created in. */
    private static WireMockServer scheduler;
    private static int schedulerCallsDuringInit;
    private static LocalRuntimeApi runtime;
    private static HttpServer containerCredentials;
    private static final AtomicInteger credentialFetches = new AtomicInteger();
    private static PackagedFunction function;
    /** What Rekognition had received when the runtime first asked for an event, i.e. during the whole init. */
    private static int rekognitionCallsDuringInit;

    @BeforeAll
    static void initialiseTheFunctionAsForASnapshot() throws Exception {
        rekognition = new LocalRekognition();
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        scheduler = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        scheduler.start();
        scheduler.stubFor(post(urlPathMatching("/schedules/.+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ScheduleArn\":"
                        + "\"arn:aws:scheduler:eu-west-1:123456789012:schedule/CustomLabelsScheduler-verifications/"
                        + "verify-1-defects\"}")));
        runtime = new LocalRuntimeApi(Duration.ofSeconds(30));
        containerCredentials = credentialsEndpoint();
        function = PackagedFunction.start(taskRoot, runtime, FUNCTION_LOG,
                List.of("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"), snapStartEnvironment());

        // No event is queued yet: the first `next` marks the end of init, hooks included.
        function.await(runtime.firstNext(), INIT_TIMEOUT, "end of init");
        rekognitionCallsDuringInit = rekognition.totalCalls();
        schedulerCallsDuringInit = scheduler.getAllServeEvents().size();
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (function != null) {
            function.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (rekognition != null) {
            rekognition.close();
        }
        if (scheduler != null) {
            scheduler.stop();
        }
        if (containerCredentials != null) {
            containerCredentials.stop(0);
        }
    }

    @Test
    void primingRanBeforeTheSnapshotPointAndTheRestoreHookAfterIt() throws Exception {
        assertEquals(List.of(), runtime.initErrors(), "init or restore errors" + function.logTail());
        assertTrue(runtime.restoreNext().isDone(), "the runtime never reached restore/next" + function.logTail());
        assertTrue(runtime.restoreNext().get() < runtime.firstNext().get(), "restore/next comes before the first next");

        String log = function.log();
        int primed = log.indexOf("\"message\":\"snapstart priming\"");
        int restored = log.indexOf("\"message\":\"snapstart restored\"");
        assertTrue(primed >= 0, "no priming line" + function.logTail());
        assertTrue(restored > primed, "the restore hook runs after the priming" + function.logTail());
        // The start, the override read, the API start, the API status, the EventBridge event's status and a status in
        // the second region each reached the wire's edge and stopped there; the idle alarm in OK stopped nothing, so
        // sent nothing. Every one of the seven events was bound by the runtime's own serializers, under the runtime
        // interface client. Then a check of a start: its DescribeProjectVersions and its Scheduler CreateSchedule.
        assertTrue(log.contains("\"events\":7,\"requestsStoppedBeforeSending\":8"),
                "every primed request stopped" + function.logTail());
        assertFalse(log.contains("snapstart priming failed"), function.logTail());
    }

    @Test
    void rekognitionReceivedNothingDuringInit() {
        assertEquals(0, rekognitionCallsDuringInit, "requests that reached Rekognition before the first event");
        assertEquals(0, schedulerCallsDuringInit, "requests that reached Scheduler before the first event");
        // The credentials were resolved for real while priming signed its requests, from the container provider, once
        // for both SDK clients (Rekognition's and Scheduler's share the function's credentials chain).
        assertEquals(1, credentialFetches.get(), "container credential fetches");
    }

    @Test
    void answersAStartAfterTheRestoreWithTheContainerCredentials() throws Exception {
        Outcome outcome = function.await(runtime.invoke(event("direct-start.json")), ANSWER_TIMEOUT, "answer");

        assertFalse(outcome.failed(), () -> "the invocation failed: " + outcome.body() + function.logTail());
        JsonNode answer = JsonNode.parser().parse(outcome.body());
        assertEquals("true", answer.asObject().get("succeeded").text(), outcome.body());
        List<LoggedRequest> starts = rekognition.calls("StartProjectVersion");
        assertEquals(1, starts.size());
        assertTrue(starts.get(0).getBodyAsString().contains(DEFECTS_ARN));
        assertTrue(starts.get(0).getHeader("Authorization").contains("Credential=" + CONTAINER_KEY_ID + "/"),
                starts.get(0).getHeader("Authorization"));
        assertEquals(List.of(), runtime.problems(), "unexpected Runtime API requests" + function.logTail());
        // The start's first check, created after the restore by the client priming built, with the container's keys.
        List<LoggedRequest> checks = scheduler.findAll(postRequestedFor(urlPathEqualTo("/schedules/verify-1-defects")));
        assertEquals(1, checks.size(), "the start's first check" + function.logTail());
        assertTrue(checks.get(0).getHeader("Authorization").contains("Credential=" + CONTAINER_KEY_ID + "/"),
                checks.get(0).getHeader("Authorization"));
    }

    /** What SnapStart's init adds to Lambda's environment: the init type, and container credentials instead of keys. */
    private static Map<String, String> snapStartEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[1]0123456789abcdef0123456789abcdef");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + containerCredentials.getAddress().getPort() + "/2021-04-23/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_TOKEN);
        // Not set by Lambda: the loopback Rekognition.
        env.put("AWS_ENDPOINT_URL_REKOGNITION", rekognition.baseUrl());
        // As the stack sets them: this deployment verifies its starts, in the loopback Scheduler.
        env.put(VerificationSettings.GROUP_VARIABLE, "CustomLabelsScheduler-verifications");
        env.put(VerificationSettings.ROLE_VARIABLE, "arn:aws:iam::123456789012:role/verification");
        env.put(VerificationSettings.ALIAS_VARIABLE, "live");
        env.put("AWS_ENDPOINT_URL_SCHEDULER", scheduler.baseUrl());
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
}
