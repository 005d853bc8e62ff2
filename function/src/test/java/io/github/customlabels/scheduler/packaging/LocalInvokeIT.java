package io.github.customlabels.scheduler.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The shaded jar run as {@code java -jar} (the README's local run), where the jar's own copy of
 * {@code aws-lambda-java-serialization} binds the events: unlike under the runtime interface client, which loads its
 * own copy first. Each trigger's sample must bind and be answered, so the parts the shade step drops from that
 * library (Gson, org.json) are proven unused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalInvokeIT {

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "apigw-rest-start.json, 200",
            "apigw-http-start.json, 200",
            "function-url-stop.json, 200",
            "eventbridge-scheduled-rule.json, PLANNED",
            "eventbridge-scheduler-envelope-stop.json, PLANNED",
            "eventbridge-custom-start.json, PLANNED",
            "cloudwatch-alarm-idle.json, PLANNED",
            "cloudwatch-alarm-composite.json, IGNORED",
            "direct-start.json, PLANNED"})
    void everyTriggersSampleBindsThroughTheJarsOwnSerializers(String sample, String expected) throws Exception {
        Path out = home.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedFunction.JAR.toAbsolutePath().toString(), "--dry-run", "--config", "../cdk.json",
                "../events/" + sample)
                .redirectOutput(out.toFile()).redirectError(home.resolve("err.txt").toFile()).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "java -jar did not finish");

        String answer = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), answer + "\n" + errors());
        JsonNode json = JsonNode.parser().parse(answer);
        if (expected.equals("200")) {
            // A dry run is an answer, not a change: 200 with the planned request, in the payload version's shape.
            assertEquals("200", json.asObject().get("statusCode").asNumber(), answer);
            assertEquals(List.of("body", "headers", "isBase64Encoded", "statusCode"),
                    json.asObject().keySet().stream().sorted().toList(), answer);
            assertTrue(json.asObject().get("body").asString().contains("\"outcome\":\"PLANNED\""), answer);
        } else if (expected.equals("IGNORED")) {
            assertEquals("true", json.asObject().get("ignored").text(), answer);
        } else {
            assertEquals("true", json.asObject().get("succeeded").text(), answer);
            assertTrue(json.asObject().get("results").asArray().stream()
                    .allMatch(r -> "PLANNED".equals(r.asObject().get("outcome").asString())), answer);
        }
    }

    private String errors() throws IOException {
        return Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8);
    }
}
