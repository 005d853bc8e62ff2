package io.github.customlabels.scheduler.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The client as Rekognition sees it: what arrives on the wire must carry a SigV4 signature that a server can
 * verify. The signature is checked here from the request as received, with the algorithm written out from AWS's
 * specification, not with the SDK that produced it.
 */
class RekognitionApiTest {

    private static final String KEY_ID = "AKIDSIGNATURETEST";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "session-token-for-the-test";
    private static final String ARN = "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/v1/1";

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private RekognitionApi api;

    @BeforeEach
    void setUp() {
        api = new RekognitionApi(StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN)),
                RekognitionEndpoints.fixed(URI.create(rekognition.baseUrl())));
    }

    @Test
    void signsWhatItSendsSoThatTheServiceCanVerifyIt() throws Exception {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");

        api.call("eu-west-1", "StartProjectVersion", "{\"ProjectVersionArn\":\"" + ARN + "\",\"MinInferenceUnits\":1}",
                Deadline.in(Duration.ofSeconds(10)));

        LoggedRequest received = rekognition.calls("StartProjectVersion").get(0);
        Authorization auth = Authorization.of(received);
        assertEquals(KEY_ID, auth.keyId());
        assertEquals("eu-west-1", auth.region());
        assertEquals("rekognition", auth.service());
        assertTrue(auth.signedHeaders().containsAll(List.of("host", "x-amz-date", "x-amz-target", "content-type",
                "x-amz-security-token")), "signed headers: " + auth.signedHeaders());
        assertEquals(TOKEN, received.getHeader("X-Amz-Security-Token"));
        assertEquals(signature(received, auth, received.getBody()), auth.signature(),
                "the signature must match the request as the server received it");
    }

    @Test
    void aSignatureDoesNotSurviveATamperedBody() throws Exception {
        rekognition.answers("StopProjectVersion", "{\"Status\":\"STOPPING\"}");

        api.call("eu-west-1", "StopProjectVersion", "{\"ProjectVersionArn\":\"" + ARN + "\"}",
                Deadline.in(Duration.ofSeconds(10)));

        LoggedRequest received = rekognition.calls("StopProjectVersion").get(0);
        Authorization auth = Authorization.of(received);
        byte[] tamperedBody = "{\"ProjectVersionArn\":\"other\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals(signature(received, auth, received.getBody()), auth.signature());
        assertFalse(signature(received, auth, tamperedBody).equals(auth.signature()),
                "the checker above must be able to fail");
    }

    @Test
    void answersCarryTheServiceRequestId() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");

        var answer = api.call("eu-west-1", "StartProjectVersion", "{}", Deadline.in(Duration.ofSeconds(10)));

        assertEquals("STARTING", answer.body().asObject().get("Status").asString());
        assertTrue(answer.requestId().startsWith("0f1e2d3c-"), answer.requestId());
    }

    @Test
    void anErrorPageThatIsNotJsonIsAServiceErrorNamedByItsStatus() {
        var failure = RekognitionApi.failure(502, null, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8),
                null);

        assertEquals(Kind.SERVICE_ERROR, failure.asCallException().kind());
        assertEquals("HTTP 502", failure.asCallException().errorCode());
        assertTrue(failure.retryable);
    }

    @Test
    void aTooManyRequestsStatusIsThrottlingWhateverTheCode() {
        var failure = RekognitionApi.failure(429, null, new byte[0], "req-1");

        assertEquals(Kind.THROTTLED, failure.asCallException().kind());
        assertTrue(failure.throttling);
        assertEquals("req-1", failure.asCallException().requestId());
    }

    @Test
    void aClientErrorIsNotRetried() {
        var failure = RekognitionApi.failure(400, "ResourceInUseException:http://internal.amazon.com/",
                "{\"message\":\"busy\"}".getBytes(StandardCharsets.UTF_8), null);

        assertEquals(Kind.RESOURCE_IN_USE, failure.asCallException().kind());
        assertEquals("busy", failure.asCallException().getMessage());
        assertFalse(failure.retryable);
    }

    @Test
    void nothingLeavesTheProcessWhilePriming() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        List<RekognitionCallException> failures = new ArrayList<>();

        int stopped = RekognitionApi.withoutSending(() -> failures.add(assertThrows(RekognitionCallException.class,
                () -> api.call("eu-west-1", "StartProjectVersion", "{}", Deadline.in(Duration.ofSeconds(10))))));

        assertEquals(1, stopped, "stopped once: a stop on purpose is not retried");
        assertEquals("StoppedForPriming", failures.get(0).errorCode());
        assertEquals(0, rekognition.totalCalls());
    }

    /** The parts of a SigV4 {@code Authorization} header. */
    private record Authorization(String keyId, String date, String region, String service, List<String> signedHeaders,
                                 String signature) {
        private static final Pattern FORMAT = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/"
                + "([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

        static Authorization of(LoggedRequest request) {
            Matcher m = FORMAT.matcher(request.getHeader("Authorization"));
            assertTrue(m.matches(), request.getHeader("Authorization"));
            return new Authorization(m.group(1), m.group(2), m.group(3), m.group(4), List.of(m.group(5).split(";")),
                    m.group(6));
        }
    }

    /** SigV4 as AWS specifies it, for the request as received and the given body: canonical request, string to
     * sign, derived key, HMAC. */
    private static String signature(LoggedRequest received, Authorization auth, byte[] body) throws Exception {
        URI uri = URI.create(received.getUrl());
        StringBuilder canonical = new StringBuilder()
                .append(received.getMethod().value()).append('\n')
                .append(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()).append('\n')
                .append(uri.getRawQuery() == null ? "" : uri.getRawQuery()).append('\n');
        for (String name : auth.signedHeaders()) {
            canonical.append(name).append(':')
                    .append(received.getHeader(name).trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", auth.signedHeaders())).append('\n').append(hex(sha256(body)));
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + received.getHeader("X-Amz-Date") + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
