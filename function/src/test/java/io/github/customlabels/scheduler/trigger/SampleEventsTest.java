package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.LOGOS_PROJECT_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.statusCode;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Every sample in {@code events/} is accepted as the trigger it stands for, so the samples can be trusted. */
class SampleEventsTest {

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private SchedulerHandler handler;

    @BeforeEach
    void setUp() {
        rekognition
                .answers("StartProjectVersion", "{\"Status\":\"STARTING\"}")
                .answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}")
                .answers("TagResource", "{}")
                .answers("UntagResource", "{}")
                .answers("DescribeProjects", "{\"ProjectDescriptions\":[{\"ProjectArn\":\"" + LOGOS_PROJECT_ARN + "\"}]}")
                .answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                        describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2))
                .answersWhenBodyContains("DescribeProjectVersions", "project/logos/",
                        describeVersionsAnswer(LOGOS_ARN, "RUNNING", 1, null))
                .answersWhenBodyContains("DescribeProjectVersions", "project/gauges/",
                        describeVersionsAnswer(Fixtures.GAUGES_ARN, "STOPPED", 1, null));
        // Starts are verified, as deployed; the verification sample is a check of defects, which is RUNNING.
        handler = VerificationFixtures.handler(rekognition, org.mockito.Mockito.mock(
                software.amazon.awssdk.services.scheduler.SchedulerClient.class),
                java.time.Instant.parse("2026-11-30T07:12:00Z"), new Fixtures.RecordingLog());
    }

    static List<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "events"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsAcceptedAndAnswered(String sample) {
        JsonNode answer = invoke(handler, Fixtures.event(sample));

        if (sample.startsWith("apigw-") || sample.startsWith("function-url-")) {
            int status = statusCode(answer);
            assertTrue(status == 200 || status == 202, sample + " answered " + status);
        } else if (sample.startsWith("cloudwatch-alarm-") && !sample.equals("cloudwatch-alarm-idle.json")) {
            assertEquals("true", text(answer, "ignored"));
        } else if (sample.startsWith("verification-")) {
            assertEquals("VERIFIED", text(answer.field("verification").orElseThrow(), "outcome"));
        } else {
            assertEquals("true", text(answer, "succeeded"), sample);
        }
        if (sample.contains("dry-run")) {
            assertEquals(0, rekognition.totalCalls());
        }
    }
}
