package io.github.customlabels.scheduler.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/** Small bodies go out buffered, right behind their headers, with the Content-Length they were signed with. */
class BufferedBodyHttpClientTest {

    @Test
    void rekognitionReceivesTheSignedContentLengthOfASmallBody() {
        try (LocalRekognition rekognition = new LocalRekognition();
             RekognitionClient client = RekognitionClients.configure(RekognitionClient.builder(),
                             RekognitionClients.httpClient(),
                             StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "secret")))
                     .region(Region.EU_WEST_1).endpointOverride(URI.create(rekognition.baseUrl())).build()) {
            rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

            client.stopProjectVersion(r -> r.projectVersionArn(
                    "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000"));

            LoggedRequest sent = rekognition.calls("StopProjectVersion").get(0);
            assertEquals(Integer.toString(sent.getBody().length), sent.getHeader("Content-Length"));
            assertTrue(sent.getHeader("Authorization").contains("content-length;"), sent.getHeader("Authorization"));
        }
    }

    @Test
    void buffersSmallBodiesAndStreamsLargeOnes() {
        RecordingClient delegate = new RecordingClient();
        BufferedBodyHttpClient client = new BufferedBodyHttpClient(delegate);

        client.prepareRequest(post(300));
        client.prepareRequest(post(BufferedBodyHttpClient.MAX_BUFFERED_BYTES + 1));
        client.prepareRequest(HttpExecuteRequest.builder().request(request().method(SdkHttpMethod.GET).build()).build());

        assertEquals(Optional.empty(), delegate.seen.get(0).httpRequest().firstMatchingHeader("Content-Length"));
        assertTrue(delegate.seen.get(0).contentStreamProvider().isPresent(), "the body itself is passed on");
        assertEquals(Optional.of(Long.toString(BufferedBodyHttpClient.MAX_BUFFERED_BYTES + 1)),
                delegate.seen.get(1).httpRequest().firstMatchingHeader("Content-Length"));
        assertEquals(Optional.empty(), delegate.seen.get(2).httpRequest().firstMatchingHeader("Content-Length"));
    }

    private static HttpExecuteRequest post(long length) {
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        return HttpExecuteRequest.builder()
                .request(request().method(SdkHttpMethod.POST).putHeader("Content-Length", Long.toString(length)).build())
                .contentStreamProvider(() -> new ByteArrayInputStream(body))
                .build();
    }

    private static SdkHttpRequest.Builder request() {
        return SdkHttpRequest.builder().uri(URI.create("https://rekognition.eu-west-1.amazonaws.com/"));
    }

    /** Keeps the requests it is asked to prepare. */
    private static final class RecordingClient implements SdkHttpClient {

        final List<HttpExecuteRequest> seen = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            seen.add(request);
            return null;
        }

        @Override
        public void close() {
        }
    }
}
