package io.github.customlabels.scheduler.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import io.github.customlabels.scheduler.trigger.LocalRekognition;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The SDK client as Rekognition sees it, configured as the function configures it: the JSON 1.1 shape, a SigV4
 * signature a server can verify (checked here from the request as received, with the algorithm written out from
 * AWS's specification, not with the SDK that produced it), as many requests as the retry policy has attempts, and
 * nothing sent while priming.
 */
class RekognitionWireTest {

    private static final String KEY_ID = "AKIDSIGNATURETEST";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "session-token-for-the-test";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN));
    private static final ProjectVersionArn MODEL = ProjectVersionArn.parse(
            "arn:aws:rekognition:ap-southeast-2:123456789012:project/defects/version/v1/1700000000002").orElseThrow();

    @RegisterExtension
    final LocalRekognition rekognition = new LocalRekognition();
    private final RekognitionGateway gateway = rekognition.gateway(CREDENTIALS);

    @Test
    void sendsTheJson11ShapeSignedForRekognitionInTheModelsRegion() throws Exception {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");

        gateway.start(MODEL, 2, 4L, Deadline.in(Duration.ofSeconds(10)));

        LoggedRequest received = rekognition.calls("StartProjectVersion").get(0);
        assertEquals("application/x-amz-json-1.1", received.getHeader("Content-Type"));
        assertEquals("RekognitionService.StartProjectVersion", received.getHeader("X-Amz-Target"));
        assertEquals("{\"ProjectVersionArn\":\"" + MODEL.value() + "\",\"MinInferenceUnits\":2,\"MaxInferenceUnits\":4}",
                received.getBodyAsString());
        Authorization auth = Authorization.of(received);
        assertEquals(KEY_ID, auth.keyId());
        assertEquals("ap-southeast-2", auth.region());
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

        gateway.stop(MODEL, Deadline.in(Duration.ofSeconds(10)));

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

        Acknowledgement answer = gateway.start(MODEL, 1, null, Deadline.in(Duration.ofSeconds(10)));

        assertEquals("STARTING", answer.status());
        assertTrue(answer.requestId().startsWith("0f1e2d3c-"), answer.requestId());
    }

    @Test
    void theJdkNeverResendsAPostOnItsOwnSoRequestsSentAreTheSdksAttempts() throws Exception {
        // A server that reads each request and closes the connection without a word: what a kept-alive connection
        // closed under a request looks like. The JDK resends a POST then, unless sun.net.http.retryPost is false,
        // and the SDK retries on top of that.
        try (ClosingServer server = new ClosingServer()) {
            RekognitionGateway closing = LocalRekognition.gatewayFor(server.uri(), CREDENTIALS);

            var failure = assertThrows(RekognitionCallException.class,
                    () -> closing.start(MODEL, 1, null, Deadline.in(Duration.ofSeconds(20))));

            assertEquals(Kind.UNAVAILABLE, failure.kind());
            assertEquals(3, server.requests.get(), "one request per attempt of the standard mode");
        }
    }

    @Test
    void theSdksMaxAttemptsSettingDecidesHowManyRequestsAreSent() {
        rekognition.fails("StartProjectVersion", 500, "InternalServerError");
        RekognitionCallException failure;
        // aws.maxAttempts is AWS_MAX_ATTEMPTS as a system property: the SDK reads both, the property first.
        System.setProperty("aws.maxAttempts", "2");
        try {
            RekognitionGateway twoAttempts = rekognition.gateway(CREDENTIALS);
            failure = assertThrows(RekognitionCallException.class,
                    () -> twoAttempts.start(MODEL, 1, null, Deadline.in(Duration.ofSeconds(20))));
        } finally {
            System.clearProperty("aws.maxAttempts");
        }

        assertEquals(Kind.SERVICE_ERROR, failure.kind());
        assertEquals(2, rekognition.calls("StartProjectVersion").size());
    }

    @Test
    void nothingLeavesTheProcessWhilePriming() {
        rekognition.answers("StartProjectVersion", "{\"Status\":\"STARTING\"}");
        List<RekognitionCallException> failures = new ArrayList<>();

        int stopped = RekognitionGateway.withoutSending(() -> failures.add(assertThrows(RekognitionCallException.class,
                () -> gateway.start(MODEL, 1, null, Deadline.in(Duration.ofSeconds(10))))));

        assertEquals(1, stopped, "stopped once: a stop on purpose is not retried");
        assertEquals("StoppedForPriming", failures.get(0).errorCode());
        assertEquals(0, rekognition.totalCalls());
    }

    /** Accepts connections on loopback, reads one request from each and closes it unanswered; counts the requests. */
    private static final class ClosingServer implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread acceptor = new Thread(this::serve, "closing-server");

        ClosingServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    String head = readHead(in);
                    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                    in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
                    requests.incrementAndGet();
                } catch (IOException closedOrBroken) {
                    // The next accept tells which; a closed socket ends the loop.
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the headers");
                }
                head.append((char) b);
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
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
