package io.github.customlabels.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Trying an event locally with the shipped cdk.json: dry run, a local endpoint, and the setup errors. */
class LocalInvokeTest {

    private static final String CONFIG = "../cdk.json";
    private static final Map<String, String> CREDENTIALS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDLOCALTEST", "AWS_SECRET_ACCESS_KEY", "local-secret");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    /** A home without {@code .aws/}: the developer's own profiles must not decide a test, nor be used by one. */
    @TempDir
    Path home;

    @BeforeEach
    void setUp() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
    }

    @Test
    void dryRunPrintsTheRequestEachModelWouldGetAndSendsNothing() {
        int exit = run(Map.of("AWS_ENDPOINT_URL_REKOGNITION", rekognition.baseUrl()),
                "--dry-run", "--config", CONFIG, "../events/schedule-start.json");

        assertEquals(0, exit, err.toString());
        JsonNode answer = Json.parse(out.toString(StandardCharsets.UTF_8));
        JsonNode defects = answer.asObject().get("results").asArray().get(0);
        assertEquals("PLANNED", text(defects, "outcome"));
        assertEquals("StartProjectVersion", text(defects, "request", "operation"));
        assertEquals("2", text(defects, "request", "MaxInferenceUnits"));
        assertEquals(0, rekognition.totalCalls());
        assertTrue(err.toString().contains("dry run: nothing is sent"));
    }

    @Test
    void sendsToTheEndpointInAwsEndpointUrlRekognition() {
        var env = new java.util.HashMap<>(CREDENTIALS);
        env.put("AWS_ENDPOINT_URL_REKOGNITION", rekognition.baseUrl());

        int exit = run(env, "--config", CONFIG, "../events/direct-start.json");

        assertEquals(0, exit, err.toString());
        assertEquals("STARTED", text(Json.parse(out.toString(StandardCharsets.UTF_8)).asObject().get("results")
                .asArray().get(0), "outcome"));
        assertEquals(1, rekognition.calls("StartProjectVersion").size());
        assertTrue(err.toString().contains("\"message\":\"model action\""), "logs go to standard error");
    }

    @Test
    void missingCredentialsAreAClearErrorUnlessItIsADryRun() {
        int exit = run(Map.of(), "--config", CONFIG, "../events/direct-start.json");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("no AWS credentials"), err.toString());
        assertTrue(err.toString().contains("--dry-run"));
        assertEquals(0, rekognition.totalCalls());
    }

    @Test
    void aMissingConfigurationNamesTheFile() {
        int exit = run(Map.of(), "--dry-run", "--config", "no-such-cdk.json", "../events/direct-start.json");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("no-such-cdk.json not found"), err.toString());
    }

    @Test
    void anUnreadableEventFileIsASetupError() {
        int exit = run(Map.of(), "--dry-run", "--config", CONFIG, "../events/no-such-event.json");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("no-such-event.json"), err.toString());
    }

    @Test
    void aRefusedCommandExitsWithTheRuntimeErrorShape() throws IOException {
        Path noModels = Files.writeString(home.resolve("scheduler-config.json"), "{\"models\":{}}");
        int refused = run(Map.of("SCHEDULER_CONFIG_FILE", noModels.toString()), "--dry-run", "../events/direct-start.json");

        assertEquals(1, refused);
        JsonNode error = Json.parse(lastLine(out.toString(StandardCharsets.UTF_8)));
        assertEquals("InvalidCommandException", text(error, "errorType"));
        assertTrue(text(error, "errorMessage").contains("'defects' is not configured"));
    }

    private int run(Map<String, String> env, String... args) {
        return LocalInvoke.run(args, env, home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String text(JsonNode node, String... path) {
        return Json.path(node, path).map(JsonNode::text).orElse(null);
    }
}
