package io.github.customlabels.scheduler.packaging;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.GAUGES_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.packaging.LocalRuntimeApi.Outcome;
import io.github.customlabels.scheduler.trigger.Fixtures;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The shaded jar, unzipped as Lambda lays out a task root, run in a fresh JVM by AWS's runtime interface
 * client with the Java 17 runtime's JVM flags and a Lambda-like environment. Events come through a loopback
 * Runtime API and the function calls a loopback Rekognition, configured only through the environment
 * ({@code AWS_ENDPOINT_URL_REKOGNITION}, {@code AWS_ACCESS_KEY_ID}, ...), as in AWS.
 *
 * <p>This proves what unit tests cannot: the handler string, the jar's contents and classpath, the
 * no-argument constructor reading the environment, the SDK's default credentials and endpoint resolution,
 * and how the runtime reports answers and exceptions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PackagedFunctionIT {

    /** The handler string the stack configures. */
    private static final String HANDLER = "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest";

    private static final Path JAR = Path.of("target", "custom-labels-scheduler.jar");
    /** Kept after the run: the function's stdout and stderr, where the runtime also writes its logs. */
    private static final Path FUNCTION_LOG = Path.of("target", "packaged-function-it", "function.log");
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The runtime interface client and what it needs at run time (its POM and manifest Class-Path), as group/artifact. */
    private static final List<String> RUNTIME_ARTIFACTS = List.of(
            "com/amazonaws/aws-lambda-java-runtime-interface-client",
            "com/amazonaws/aws-lambda-java-core",
            "com/amazonaws/aws-lambda-java-serialization",
            "software/amazon/awssdk/utils-lite",
            "software/amazon/awssdk/annotations");

    private static final int MEMORY_MB = 1024;
    /** The function's timeout: sets each invocation's deadline, and so the time the handler gives itself. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    /** How long the test waits for one answer, JVM start included for the first. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private static final String ACCESS_KEY_ID = "AKIDPACKAGEDTEST";
    private static final String SESSION_TOKEN = "packaged-test-session-token";
    private static final String STARTING = "{\"Status\":\"STARTING\"}";

    @TempDir
    static Path taskRoot;

    private static LocalRekognition rekognition;
    private static LocalRuntimeApi runtime;
    private static Process function;

    @BeforeAll
    static void startTheFunctionUnderTheRuntimeInterfaceClient() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run `mvn verify`, which shades it first");
        unzip(JAR, taskRoot);
        assertTrue(Files.isRegularFile(taskRoot.resolve("io/github/customlabels/scheduler/trigger/SchedulerHandler.class")),
                JAR.toAbsolutePath() + " does not hold the handler: is it the shaded jar of this build?");

        rekognition = new LocalRekognition();
        runtime = new LocalRuntimeApi(FUNCTION_TIMEOUT);
        Files.createDirectories(FUNCTION_LOG.getParent());

        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The Java 17 managed runtime's flags; the heap is about what Lambda gives a 1024 MB function.
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx" + MEMORY_MB * 85 / 100 + "m",
                "-classpath", runtimeClasspath(),
                RUNTIME_MAIN, HANDLER);
        ProcessBuilder builder = new ProcessBuilder(command)
                // The runtime interface client takes the task root from the working directory (user.dir) and
                // loads it, with lib/*.jar, in its own class loader: the jar is not on the JVM's classpath.
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(FUNCTION_LOG.toFile());
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment());
        function = builder.start();
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
    }

    @BeforeEach
    void rekognitionStartsModels() {
        rekognition.reset();
        rekognition.answers("StartProjectVersion", STARTING);
    }

    @AfterEach
    void theFunctionStartedCleanlyAndKeepsServing() {
        assertEquals(List.of(), runtime.initErrors(), "init errors" + functionLog());
        assertEquals(List.of(), runtime.problems(), "unexpected Runtime API requests" + functionLog());
        assertTrue(function.isAlive(), "the function's JVM exited" + functionLog());
    }

    @Test
    void scheduleStartsEveryModelInTheRegionOfItsArn() {
        Outcome outcome = invoke(event("schedule-start.json"));

        JsonNode result = answer(outcome);
        assertEquals("true", text(result, "succeeded"), outcome.body());
        assertEquals(Map.of(
                DEFECTS_ARN, "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}",
                LOGOS_ARN, "{\"ProjectVersionArn\":\"" + LOGOS_ARN + "\",\"MinInferenceUnits\":1}"), startBodies());
        assertEquals(Map.of(DEFECTS_ARN, "eu-west-1", LOGOS_ARN, "us-east-1"), signingRegions());
        for (LoggedRequest call : rekognition.calls("StartProjectVersion")) {
            assertTrue(call.getHeader("Authorization").contains("Credential=" + ACCESS_KEY_ID + "/"),
                    "signed with the environment's keys: " + call.getHeader("Authorization"));
            assertEquals(SESSION_TOKEN, call.getHeader("X-Amz-Security-Token"));
        }
        // The runtime's context reaches the handler: its log line carries the request id the Runtime API gave.
        awaitLogLine("\"requestId\":\"" + outcome.requestId() + "\"");
    }

    @Test
    void restApiStartDecodesTheBase64BodyAndAnswers202() {
        JsonNode response = answer(invoke(event("apigw-rest-start.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals("application/json", text(response, "headers", "Content-Type"));
        JsonNode body = parse(text(response, "body"));
        assertEquals("STARTED", text(body, "outcome"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
        assertEquals(Map.of(DEFECTS_ARN, "eu-west-1"), signingRegions());
    }

    @Test
    void httpApiStartAnswers202() {
        JsonNode response = answer(invoke(event("apigw-http-start.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals("STARTED", text(parse(text(response, "body")), "outcome"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
    }

    @Test
    void scheduledRuleRunsTheDefaultCommandFromTheEnvironment() {
        JsonNode result = answer(invoke(event("eventbridge-scheduled-rule.json")));

        assertEquals("true", text(result, "succeeded"));
        assertEquals(Map.of(DEFECTS_ARN,
                "{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\",\"MinInferenceUnits\":1,\"MaxInferenceUnits\":2}"), startBodies());
    }

    @Test
    void badInputFailsTheInvocationAndReachesNoModel() {
        Outcome outcome = invoke("{\"model\":\"defects\",\"minInferenceUnits\":99}");

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        assertEquals("Runtime.UserException", outcome.errorTypeHeader());
        JsonNode error = parse(outcome.body());
        assertTrue(text(error, "errorMessage").contains("exceeds the ceiling"), outcome.body());
        assertEquals("io.github.customlabels.scheduler.control.InvalidCommandException", text(error, "errorType"));
        assertEquals(0, rekognition.totalCalls());
    }

    @Test
    void failedScheduledStartFailsTheInvocationAndNamesTheModel() {
        rekognition.failsStartOf(LOGOS_ARN, 400, "AccessDeniedException");

        Outcome outcome = invoke(event("schedule-start.json"));

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        assertEquals("Runtime.UserException", outcome.errorTypeHeader());
        JsonNode error = parse(outcome.body());
        assertEquals("io.github.customlabels.scheduler.trigger.CommandFailedException", text(error, "errorType"));
        JsonNode result = parse(text(error, "errorMessage"));
        assertEquals("false", text(result, "succeeded"));
        assertEquals(List.of("logos"), result.asObject().get("failedModels").asArray().stream().map(JsonNode::asString).toList());
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void stopRouteStopsOnlyThatModel() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode response = answer(invoke(event("apigw-rest-stop.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
        assertEquals(1, rekognition.totalCalls());
    }

    @Test
    void stoppingAStoppedModelIsSuccessAfterOneStatusLookup() {
        rekognition.fails("StopProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "STOPPED", 1, 2));

        JsonNode response = answer(invoke(event("apigw-rest-stop.json")));

        assertEquals("200", response.asObject().get("statusCode").asNumber());
        assertEquals("ALREADY_STOPPED", text(parse(text(response, "body")), "outcome"));
        assertEquals(List.of("{\"ProjectArn\":\"" + DEFECTS_PROJECT_ARN + "\",\"VersionNames\":[\"defects.2026-11-01\"]}"),
                bodies("DescribeProjectVersions"));
        assertEquals(2, rekognition.totalCalls());
    }

    @Test
    void startingATrainingModelIsRefusedWith409() {
        rekognition.reset();
        rekognition.fails("StartProjectVersion", 400, "ResourceInUseException")
                .answers("DescribeProjectVersions", describeVersionsAnswer(DEFECTS_ARN, "TRAINING_IN_PROGRESS", 1, null));

        JsonNode response = answer(invoke(event("apigw-rest-start.json")));

        assertEquals("409", response.asObject().get("statusCode").asNumber());
        assertTrue(text(parse(text(response, "body")), "detail").contains("TRAINING_IN_PROGRESS"));
    }

    @Test
    void statusAndListDescribeWithoutChangingAnything() {
        rekognition.answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                        describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2))
                .answersWhenBodyContains("DescribeProjectVersions", "project/logos/",
                        describeVersionsAnswer(LOGOS_ARN, "STOPPED", 1, null))
                .answersWhenBodyContains("DescribeProjectVersions", "project/gauges/",
                        describeVersionsAnswer(GAUGES_ARN, "STARTING", 1, null))
                .answers("DescribeProjects", "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN + "\"}]}");

        JsonNode status = parse(text(answer(invoke(event("apigw-rest-status.json"))), "body"));
        JsonNode list = parse(text(answer(invoke(event("apigw-http-list.json"))), "body"));

        assertEquals("RUNNING", text(status, "status"));
        assertEquals(List.of("defects:RUNNING", "logos:STOPPED", "gauges:STARTING"),
                list.asObject().get("models").asArray().stream()
                        .map(m -> text(m, "model") + ":" + text(m, "status")).toList());
        assertEquals(0, rekognition.calls("StartProjectVersion").size() + rekognition.calls("StopProjectVersion").size());
    }

    @Test
    void oneFailingModelAmongThreeIsReportedWhileTheOtherTwoStart() {
        rekognition.failsStartOf(LOGOS_ARN, 400, "AccessDeniedException");

        Outcome outcome = invoke("{\"action\":\"start\",\"models\":[\"defects\",\"logos\",\"gauges\"]}");

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        JsonNode result = parse(text(parse(outcome.body()), "errorMessage"));
        assertEquals(List.of("defects:STARTED", "logos:FAILED", "gauges:STARTED"),
                result.asObject().get("results").asArray().stream()
                        .map(r -> text(r, "model") + ":" + text(r, "outcome")).toList());
        assertEquals(Map.of(DEFECTS_ARN, "eu-west-1", LOGOS_ARN, "us-east-1", GAUGES_ARN, "eu-west-1"), signingRegions());
    }

    @Test
    void idleAlarmStopsItsModelAndAnOkAlarmIsIgnored() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        JsonNode stopped = answer(invoke(event("cloudwatch-alarm-idle.json")));
        JsonNode ignored = answer(invoke(event("cloudwatch-alarm-idle-ok.json")));

        assertEquals("true", text(stopped, "succeeded"));
        assertEquals("true", text(ignored, "ignored"));
        assertEquals(List.of("{\"ProjectVersionArn\":\"" + DEFECTS_ARN + "\"}"), bodies("StopProjectVersion"));
        assertEquals(1, rekognition.totalCalls());
    }

    @Test
    void serverErrorsAndThrottlingThatClearUpStillStartTheModel() {
        rekognition.reset();
        rekognition.failsOnceThenAnswers("StartProjectVersion", 500, "InternalServerError", STARTING);

        JsonNode response = answer(invoke(event("apigw-rest-start.json")));

        assertEquals("202", response.asObject().get("statusCode").asNumber());
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void endlessThrottlingAnswers429BeforeTheLambdaDeadline() {
        rekognition.reset();
        rekognition.fails("StartProjectVersion", 400, "ThrottlingException");

        long started = System.nanoTime();
        JsonNode response = answer(invoke(event("apigw-rest-start.json"), Duration.ofMillis(2_500)));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("429", response.asObject().get("statusCode").asNumber());
        assertEquals("5", text(response, "headers", "Retry-After"));
        assertTrue(elapsedMillis < 2_500, "answered after " + elapsedMillis + " ms, past the 2.5 s deadline");
    }

    @Test
    void aScheduledStartOfAMissingVersionFailsTheInvocationWithItsCode() {
        rekognition.reset();
        rekognition.fails("StartProjectVersion", 400, "ResourceNotFoundException");

        Outcome outcome = invoke(event("schedule-keep-running.json"));

        assertTrue(outcome.failed(), "expected an error, got " + outcome.body());
        JsonNode result = parse(text(parse(outcome.body()), "errorMessage"));
        JsonNode model = result.asObject().get("results").asArray().get(0);
        assertEquals("ResourceNotFoundException", text(model, "error", "code"));
        assertEquals("404", text(model, "error", "httpStatus"));
        assertFalse(outcome.body().contains("secret-role"), "Rekognition's message stays in the log: " + outcome.body());
    }

    private static List<String> bodies(String operation) {
        return rekognition.calls(operation).stream().map(LoggedRequest::getBodyAsString).toList();
    }

    // --- the function's environment and classpath

    /** What Lambda sets for a java17 function with this stack's variables; nothing is inherited from this machine. */
    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", HANDLER);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "custom-labels-scheduler");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/custom-labels-scheduler");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", "packaged-test-secret");
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        // Not set by Lambda: the loopback Rekognition, and no shared AWS config or credentials from this machine.
        env.put("AWS_ENDPOINT_URL_REKOGNITION", rekognition.baseUrl());
        env.put("AWS_CONFIG_FILE", FUNCTION_LOG.resolveSibling("absent-aws-config").toAbsolutePath().toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", FUNCTION_LOG.resolveSibling("absent-aws-credentials").toAbsolutePath().toString());
        env.putAll(Fixtures.ENVIRONMENT);
        return env;
    }

    /** The runtime interface client's jars, taken from this test's classpath (Maven resolved them, test scope). */
    static String runtimeClasspath() {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        List<String> classpath = new ArrayList<>();
        for (String artifact : RUNTIME_ARTIFACTS) {
            String group = artifact.substring(0, artifact.lastIndexOf('/'));
            String artifactId = artifact.substring(artifact.lastIndexOf('/') + 1);
            Pattern fileName = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*\\.jar");
            List<Path> found = entries.stream()
                    .filter(entry -> entry.getFileName() != null && fileName.matcher(entry.getFileName().toString()).matches())
                    .filter(entry -> entry.toString().replace(File.separatorChar, '/').contains("/" + group + "/"))
                    .toList();
            assertEquals(1, found.size(), () -> "expected one " + artifact + " jar on the test classpath, found " + found);
            classpath.add(found.get(0).toString());
        }
        return String.join(File.pathSeparator, classpath);
    }

    /** Unzips the jar as Lambda does a deployment package: classes at the root of the task root. */
    static void unzip(Path jar, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file);
                }
            }
        }
    }

    // --- invoking and reading answers

    /** Queues an event and waits, bounded, for the runtime to post its outcome. */
    private static Outcome invoke(String payload) {
        return await(runtime.invoke(payload));
    }

    /** Queues an event whose Lambda deadline is {@code timeout} away, as Lambda's Runtime API states it. */
    private static Outcome invoke(String payload, Duration timeout) {
        return await(runtime.invoke(payload, timeout));
    }

    private static Outcome await(CompletableFuture<Outcome> pending) {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            try {
                return pending.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!runtime.initErrors().isEmpty()) {
                    fail("the function failed to start: " + runtime.initErrors() + functionLog());
                }
                if (!function.isAlive()) {
                    fail("the function's JVM exited with status " + function.exitValue() + functionLog());
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("no answer within " + ANSWER_TIMEOUT + functionLog());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The answer of a successful invocation. */
    private static JsonNode answer(Outcome outcome) {
        assertFalse(outcome.failed(), () -> "the invocation failed: " + outcome.body() + functionLog());
        return parse(outcome.body());
    }

    private static JsonNode parse(String json) {
        return JsonNode.parser().parse(json);
    }

    private static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.asObject().get(name);
        }
        return current == null || current.isNull() ? null : current.text();
    }

    /** The body of each StartProjectVersion call, by the version it names. */
    private static Map<String, String> startBodies() {
        return rekognition.calls("StartProjectVersion").stream().collect(Collectors.toMap(
                call -> text(parse(call.getBodyAsString()), "ProjectVersionArn"), LoggedRequest::getBodyAsString));
    }

    /** The SigV4 region of each StartProjectVersion call, by the version it names. */
    private static Map<String, String> signingRegions() {
        return rekognition.calls("StartProjectVersion").stream().collect(Collectors.toMap(
                call -> text(parse(call.getBodyAsString()), "ProjectVersionArn"),
                call -> call.getHeader("Authorization").replaceAll(".*Credential=[^/]+/\\d{8}/([^/]+)/rekognition/aws4_request.*", "$1")));
    }

    /** Waits, briefly, for a line the function logs (its output goes to a file as it runs). */
    private static void awaitLogLine(String fragment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!readFunctionLog().contains(fragment)) {
            if (System.nanoTime() - deadline > 0) {
                fail("the function did not log " + fragment + functionLog());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String readFunctionLog() {
        try (InputStream in = Files.newInputStream(FUNCTION_LOG)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the function's log, for failure messages. */
    private static String functionLog() {
        String log;
        try {
            log = readFunctionLog();
        } catch (UncheckedIOException e) {
            log = "(unreadable: " + e.getMessage() + ")";
        }
        int from = Math.max(0, log.length() - 6_000);
        return "\n--- " + FUNCTION_LOG.toAbsolutePath() + (from > 0 ? " (last 6000 characters)" : "") + ":\n"
                + log.substring(from);
    }
}
