package io.github.customlabels.scheduler.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.customlabels.scheduler.trigger.Fixtures.DEFECTS_ARN;
import static io.github.customlabels.scheduler.trigger.Fixtures.describeVersionsAnswer;
import static io.github.customlabels.scheduler.trigger.Fixtures.invoke;
import static io.github.customlabels.scheduler.trigger.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.customlabels.scheduler.verification.VerificationClients;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The checks on the wire: the function's own Scheduler client (REST-JSON) against a loopback Scheduler, through the
 * handler, fed by the samples of {@code events/}.
 */
class SchedulerWireTest {

    private static final String GROUP = VerificationFixtures.SETTINGS.scheduleGroup();
    private static final String FIRST = "/schedules/verify-1-defects";
    private static final String SECOND = "/schedules/verify-2-defects";

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private final WireMockServer scheduler = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();

    @BeforeEach
    void start() {
        scheduler.start();
        // As Scheduler answers a delete of a schedule that is not there: below any stub a test adds.
        scheduler.stubFor(delete(urlPathMatching("/schedules/.+")).atPriority(10).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Message\":\"Schedule not found.\"}")));
    }

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    private SchedulerHandler handler(String now) {
        // As AWS_ENDPOINT_URL_SCHEDULER does for the deployed function: the same client, another endpoint.
        SchedulerClient client = VerificationClients.scheduler(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-secret")),
                builder -> builder.region(Region.EU_WEST_1).endpointOverride(URI.create(scheduler.baseUrl()))).get();
        return VerificationFixtures.handler(rekognition, client, Instant.parse(now), log);
    }

    @Test
    void aStartCreatesItsFirstCheckAsAOneTimeScheduleThatDeletesItselfAndDropsTheOtherSlot() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        scheduler.stubFor(post(FIRST).willReturn(created("verify-1-defects")));

        JsonNode answer = invoke(handler("2026-11-30T07:00:00Z"), Fixtures.event("direct-start.json"));

        JsonNode verification = answer.field("results").orElseThrow().asArray().get(0).field("verification")
                .orElseThrow();
        assertEquals("SCHEDULED", text(verification, "status"), verification.toString());
        scheduler.verify(1, postRequestedFor(urlPathEqualTo(FIRST))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.GroupName", equalTo(GROUP)))
                .withRequestBody(matchingJsonPath("$.ScheduleExpression", equalTo("at(2026-11-30T07:10:00)")))
                .withRequestBody(matchingJsonPath("$.ScheduleExpressionTimezone", equalTo("UTC")))
                .withRequestBody(matchingJsonPath("$.ActionAfterCompletion", equalTo("DELETE")))
                .withRequestBody(matchingJsonPath("$.FlexibleTimeWindow.Mode", equalTo("OFF")))
                .withRequestBody(matchingJsonPath("$.Target.Arn",
                        equalTo("arn:aws:lambda:eu-west-1:123456789012:function:custom-labels-scheduler:live")))
                .withRequestBody(matchingJsonPath("$.Target.RoleArn",
                        equalTo(VerificationFixtures.SETTINGS.schedulerRoleArn())))
                .withRequestBody(matchingJsonPath("$.Target.Input", containing("\"projectVersionArn\":\"" + DEFECTS_ARN + "\""))));
        // The other slot's check of an older start goes first: one pending check per model.
        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(SECOND)).withQueryParam("groupName", equalTo(GROUP)));
    }

    @Test
    void aNewerStartOverwritesThePendingCheckWithAnUpdate() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        scheduler.stubFor(post(FIRST).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ConflictException")
                .withBody("{\"Message\":\"Schedule verify-1-defects already exists.\"}")));
        scheduler.stubFor(put(FIRST).willReturn(created("verify-1-defects")));

        invoke(handler("2026-11-30T07:20:00Z"), Fixtures.event("direct-start.json"));

        scheduler.verify(1, putRequestedFor(urlPathEqualTo(FIRST))
                .withRequestBody(matchingJsonPath("$.GroupName", equalTo(GROUP)))
                .withRequestBody(matchingJsonPath("$.ScheduleExpression", equalTo("at(2026-11-30T07:30:00)")))
                .withRequestBody(matchingJsonPath("$.ActionAfterCompletion", equalTo("DELETE"))));
    }

    @Test
    void theCheckSampleOfAStartingModelSchedulesTheNextCheckInTheOtherSlot() {
        rekognition.answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                describeVersionsAnswer(DEFECTS_ARN, "STARTING", 1, null));
        scheduler.stubFor(post(SECOND).willReturn(created("verify-2-defects")));

        JsonNode answer = invoke(handler("2026-11-30T07:10:00Z"), Fixtures.event("verification-check.json"));

        assertEquals("verify-2-defects", text(answer, "verification", "schedule"));
        scheduler.verify(1, postRequestedFor(urlPathEqualTo(SECOND))
                .withRequestBody(matchingJsonPath("$.ScheduleExpression", equalTo("at(2026-11-30T07:15:00)")))
                .withRequestBody(matchingJsonPath("$.Target.Input", containing("\"check\":2"))));
    }

    @Test
    void aStopDeletesThePendingChecksOfItsGroup() {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");
        rekognition.answersWhenBodyContains("DescribeProjectVersions", "project/defects/",
                describeVersionsAnswer(DEFECTS_ARN, "RUNNING", 1, 2));
        scheduler.stubFor(delete(urlPathMatching("/schedules/verify-[12]-defects")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));

        invoke(handler("2026-11-30T19:00:00Z"), Fixtures.event("direct-stop.json"));

        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(FIRST)).withQueryParam("groupName", equalTo(GROUP)));
        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(SECOND)).withQueryParam("groupName", equalTo(GROUP)));
    }

    private static ResponseDefinitionBuilder created(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:123456789012:schedule/" + GROUP + "/" + name
                        + "\"}");
    }
}
