package io.github.customlabels.scheduler.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A Rekognition endpoint on loopback that speaks the AWS JSON 1.1 protocol, for the function's real client. As a
 * field with {@code @RegisterExtension}, each test gets a fresh one, closed after it. Its models carry no tags (no
 * override) unless a test says otherwise.
 */
public final class LocalRekognition implements AutoCloseable, AfterEachCallback {

    static final String TARGET = "X-Amz-Target";
    static final String JSON_11 = "application/x-amz-json-1.1";

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public LocalRekognition() {
        server.start();
        noTags();
    }

    /** ListTagsForResource answers no tags, below any stub a test adds. */
    private void noTags() {
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService.ListTagsForResource")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody("{\"Tags\":{}}")));
    }

    /** Where the endpoint listens, for clients configured from outside (e.g. {@code AWS_ENDPOINT_URL_REKOGNITION}). */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets every stub and every recorded request. */
    public void reset() {
        server.resetAll();
        noTags();
    }

    /** A gateway configured as in production (timeouts, retries), sending to this endpoint with test credentials. */
    public RekognitionGateway gateway() {
        return gatewayFor(URI.create(server.baseUrl()));
    }

    /** A production-configured gateway that sends every region's calls to the given endpoint, with test keys. */
    static RekognitionGateway gatewayFor(URI endpoint) {
        return gatewayFor(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-secret")));
    }

    /** The function's real clients (SDK defaults, url-connection-client, priming), at this endpoint, with these credentials. */
    public static RekognitionGateway gatewayFor(URI endpoint, AwsCredentialsProvider credentials) {
        return new RekognitionGateway(RekognitionGateway.clients(credentials, builder -> builder.endpointOverride(endpoint)));
    }

    /** A production-configured gateway at this endpoint, with these credentials. */
    public RekognitionGateway gateway(AwsCredentialsProvider credentials) {
        return gatewayFor(URI.create(server.baseUrl()), credentials);
    }

    /** Adds any stub, for fault scenarios the helpers below do not cover. */
    public LocalRekognition stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        server.stubFor(mapping);
        return this;
    }

    /** The operation answers 200 with this JSON body. */
    public LocalRekognition answers(String operation, String json) {
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService." + operation))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_11)
                        .withHeader("x-amzn-RequestId", "0f1e2d3c-0000-4000-8000-" + operation.length() + "00000000000")
                        .withBody(json)));
        return this;
    }

    /** The operation answers 200 with this JSON body when the request body contains the given text. */
    public LocalRekognition answersWhenBodyContains(String operation, String bodyPart, String json) {
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService." + operation))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(bodyPart))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(json)));
        return this;
    }

    /** The operation fails with this status and error code, in the header and the body as AWS sends them. */
    public LocalRekognition fails(String operation, int status, String code) {
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService." + operation))
                .willReturn(error(status, code)));
        return this;
    }

    /** The operation fails with the first answer, then succeeds. */
    public LocalRekognition failsOnceThenAnswers(String operation, int status, String code, String json) {
        String scenario = operation + "-flaky";
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService." + operation))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(status, code)).willSetStateTo("recovered"));
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService." + operation))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(json)));
        return this;
    }

    /** Fails StartProjectVersion for one model version only. */
    public LocalRekognition failsStartOf(String projectVersionArn, int status, String code) {
        return failsFor("StartProjectVersion", projectVersionArn, status, code);
    }

    /** Fails the operation for one model version only (its ARN in the request body). */
    public LocalRekognition failsFor(String operation, String projectVersionArn, int status, String code) {
        server.stubFor(post("/").withHeader(TARGET, equalTo("RekognitionService." + operation))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(projectVersionArn))
                .atPriority(1)
                .willReturn(error(status, code)));
        return this;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", JSON_11)
                .withHeader("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazonaws.rekognition/")
                .withHeader("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555")
                .withBody("{\"__type\":\"" + code + "\",\"Message\":\"internal detail arn:aws:iam::123456789012:role/secret-role\"}");
    }

    /** Every request for one operation, in order. */
    public List<LoggedRequest> calls(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo("RekognitionService." + operation)));
    }

    /** Every request that reached the endpoint. */
    public int totalCalls() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }
}
