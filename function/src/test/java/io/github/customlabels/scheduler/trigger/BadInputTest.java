package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.header;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The bad-input corpus in {@code src/test/resources/bad-input}: every case gets a clear error that names
 * the problem, and none reaches Rekognition.
 */
class BadInputTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");

    private static LocalRekognition rekognition;
    private static SchedulerHandler handler;

    @BeforeAll
    static void setUp() {
        rekognition = new LocalRekognition().answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        handler = Fixtures.handler(rekognition);
    }

    @AfterAll
    static void tearDown() {
        rekognition.close();
    }

    static Stream<Arguments> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.sorted().toList().stream().map(file -> {
                try {
                    JsonNode testCase = Json.parse(Files.readAllBytes(file));
                    return Arguments.of(file.getFileName().toString(), testCase);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void corpusCoversAtLeastFortyCases() throws IOException {
        assertTrue(corpus().count() >= 40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputGetsAClearErrorAndNeverReachesRekognition(String file, JsonNode testCase) {
        String payload = Json.field(testCase, "raw").map(JsonNode::asString)
                .orElseGet(() -> Json.field(testCase, "event").map(Fixtures::toJson).orElse("null"));
        String mentions = Fixtures.text(testCase, "expect", "mentions");
        int callsBefore = rekognition.totalCalls();

        if ("api".equals(Fixtures.text(testCase, "trigger"))) {
            JsonNode response = invoke(handler, payload);
            String body = response.asObject().get("body").asString();
            assertEquals(Integer.parseInt(Fixtures.text(testCase, "expect", "httpStatus")), statusCode(response), body);
            assertEquals("application/problem+json", header(response, "Content-Type"));
            assertTrue(body.contains(mentions), () -> body + " should mention " + mentions);
            assertFalse(body.contains("Exception"), body);
        } else {
            InvalidCommandException error = assertThrows(InvalidCommandException.class, () -> invoke(handler, payload));
            assertTrue(error.getMessage().contains(mentions), () -> error.getMessage() + " should mention " + mentions);
        }
        assertEquals(callsBefore, rekognition.totalCalls(), "no call may reach Rekognition");
    }
}
