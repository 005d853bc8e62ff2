package io.github.customlabels.scheduler.rekognition;

import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * Rekognition's JSON 1.1 API, as the generated SDK client speaks it for the four operations this function uses:
 * one POST per attempt, signed by the SDK's SigV4 signer with the default credentials chain, sent with the JDK's
 * HTTP client, retried by the SDK's standard strategy on the AWS retry conditions. Each attempt and each retry must
 * fit the caller's deadline.
 *
 * <p>Why not the generated client: it loads about 1,600 classes on its first call (its builder, a pipeline for
 * every feature of the SDK, all 100-odd request types of the service), which is most of this function's cold
 * start; this path loads a few hundred. BENCHMARKS.md has the figures.
 */
public final class RekognitionApi {

    /** Connect fast or fail fast: a scheduler retries, a hung socket only burns the deadline. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Time one more attempt needs to be worth starting. */
    static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    private static final String SIGNING_NAME = "rekognition";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String USER_AGENT = "custom-labels-scheduler";

    /** The SDK's AWS retry conditions ({@code AwsErrorCode}, {@code SdkDefaultRetrySetting}), for this protocol. */
    private static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException",
            "ThrottledException", "ProvisionedThroughputExceededException", "SlowDown", "TooManyRequestsException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "EC2ThrottledException", "TransactionInProgressException");
    private static final Set<String> TRANSIENT_CODES = Set.of("PriorRequestNotComplete", "RequestTimeout",
            "RequestTimeoutException", "InternalError");
    private static final Set<Integer> TRANSIENT_STATUS = Set.of(500, 502, 503, 504);

    private static final PrimingGate PRIMING = new PrimingGate();

    private final AwsCredentialsProvider credentials;
    private final RekognitionEndpoints endpoints;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final RetryStrategy retries = DefaultRetryStrategy.standardStrategyBuilder()
            .retryOnException(t -> t instanceof Failure f && f.retryable)
            .treatAsThrottling(t -> t instanceof Failure f && f.throttling)
            .build();
    /** Built now, as the SDK's HTTP clients do: the first HTTPS call needs it, and SnapStart keeps it. */
    private final SSLSocketFactory tls = HttpsURLConnection.getDefaultSSLSocketFactory();

    public RekognitionApi(AwsCredentialsProvider credentials, RekognitionEndpoints endpoints) {
        this.credentials = credentials;
        this.endpoints = endpoints;
    }

    /**
     * The default credentials chain (environment keys, or the container provider that SnapStart uses) and the
     * endpoints the environment asks for ({@link RekognitionEndpoints#fromEnvironment}).
     */
    public static RekognitionApi withDefaults(Map<String, String> env) {
        return new RekognitionApi(DefaultCredentialsProvider.builder().build(), RekognitionEndpoints.fromEnvironment(env));
    }

    /**
     * Calls an operation in a region with a JSON body; returns Rekognition's answer, or throws
     * {@link RekognitionCallException} once retrying cannot help or would pass the deadline.
     */
    public Answer call(String region, String operation, String body, Deadline deadline) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        URI endpoint = endpoints.forRegion(region);
        AcquireInitialTokenResponse first = retries.acquireInitialToken(AcquireInitialTokenRequest.create(region));
        RetryToken token = first.token();
        while (true) {
            try {
                Answer answer = attempt(endpoint, region, operation, payload, deadline);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (Failure failure) {
                RefreshRetryTokenResponse next;
                try {
                    next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder()
                            .token(token).failure(failure).build());
                } catch (TokenAcquisitionFailedException noMoreRetries) {
                    throw failure.asCallException();
                }
                // No retry starts that its backoff and one more attempt would push past the deadline.
                if (deadline.remaining().compareTo(next.delay().plus(MIN_ATTEMPT)) < 0) {
                    throw failure.asCallException();
                }
                sleep(next.delay());
                token = next.token();
            }
        }
    }

    /**
     * Runs the action with every request stopped after it is built, signed and about to be sent; returns how many
     * were stopped. Nothing leaves the process meanwhile. For SnapStart priming.
     */
    public static int withoutSending(Runnable action) {
        return PRIMING.stopEveryRequestDuring(action);
    }

    private Answer attempt(URI endpoint, String region, String operation, byte[] payload, Deadline deadline) {
        SdkHttpRequest signed = sign(SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", "RekognitionService." + operation)
                .build(), region, payload);
        PRIMING.check();
        try {
            return exchange(signed, payload, deadline);
        } catch (IOException e) {
            throw new Failure(Kind.UNAVAILABLE, e.getClass().getSimpleName(), null, e.getMessage(), true, false);
        }
    }

    private SdkHttpRequest sign(SdkHttpRequest request, String region, byte[] payload) {
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new Failure(Kind.UNAVAILABLE, e.getClass().getSimpleName(), null, e.getMessage(), false, false);
        }
        return signer.sign(r -> r.identity(identity)
                        .request(request)
                        .payload(() -> new ByteArrayInputStream(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
    }

    private Answer exchange(SdkHttpRequest request, byte[] payload, Deadline deadline) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.getUri().toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls);
        }
        connection.setConnectTimeout(boundedBy(CONNECT_TIMEOUT, deadline));
        connection.setReadTimeout(boundedBy(READ_TIMEOUT, deadline));
        connection.setRequestMethod("POST");
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("User-Agent", USER_AGENT);
        request.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) { // the JDK sets it from the URL, as it was signed
                values.forEach(value -> connection.addRequestProperty(name, value));
            }
        });
        connection.setDoOutput(true);
        // Written to the JDK's buffer, so headers and this small body leave in one segment.
        try (OutputStream out = connection.getOutputStream()) {
            out.write(payload);
        }
        int status = connection.getResponseCode();
        String requestId = connection.getHeaderField("x-amzn-RequestId");
        byte[] answer = readAll(status < 400 ? connection.getInputStream() : connection.getErrorStream());
        if (status / 100 == 2) {
            return new Answer(parse(answer, requestId), requestId);
        }
        throw failure(status, connection.getHeaderField("x-amzn-ErrorType"), answer, requestId);
    }

    private static JsonNode parse(byte[] answer, String requestId) {
        try {
            return Json.parse(answer.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : answer);
        } catch (RuntimeException e) {
            throw new Failure(Kind.SERVICE_ERROR, "MalformedResponse", requestId,
                    "Rekognition answered 2xx with a body that is not JSON", false, false);
        }
    }

    /** The error code comes from {@code x-amzn-ErrorType} ("Code:uri"), else the body's {@code __type} ("ns#Code"). */
    static Failure failure(int status, String errorTypeHeader, byte[] body, String requestId) {
        JsonNode json = errorBody(body);
        String code = errorTypeHeader != null && !errorTypeHeader.isBlank()
                ? errorTypeHeader.split(":", 2)[0].trim()
                : Json.string(json, "__type").or(() -> Json.string(json, "code")).orElse(null);
        if (code != null && code.contains("#")) {
            code = code.substring(code.indexOf('#') + 1);
        }
        String message = Json.string(json, "message").or(() -> Json.string(json, "Message")).orElse(null);
        boolean throttling = status == 429 || (code != null && THROTTLING_CODES.contains(code));
        boolean retryable = throttling || TRANSIENT_STATUS.contains(status)
                || (code != null && TRANSIENT_CODES.contains(code));
        return new Failure(kindOf(code, status, throttling), code == null ? "HTTP " + status : code, requestId,
                message == null ? "HTTP " + status : message, retryable, throttling);
    }

    /** The error body's JSON; null when there is none or it is not JSON (a proxy's HTML page, say). */
    private static JsonNode errorBody(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : Json.parse(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static Kind kindOf(String code, int status, boolean throttling) {
        return switch (code == null ? "" : code) {
            case "AccessDeniedException" -> Kind.ACCESS_DENIED;
            case "InvalidParameterException", "ValidationException" -> Kind.INVALID_PARAMETER;
            case "LimitExceededException", "ServiceQuotaExceededException" -> Kind.LIMIT_EXCEEDED;
            case "ResourceInUseException" -> Kind.RESOURCE_IN_USE;
            case "ResourceNotFoundException" -> Kind.RESOURCE_NOT_FOUND;
            default -> throttling ? Kind.THROTTLED : status == 403 ? Kind.ACCESS_DENIED : Kind.SERVICE_ERROR;
        };
    }

    private static int boundedBy(Duration limit, Deadline deadline) {
        long millis = Math.min(limit.toMillis(), deadline.remaining().toMillis());
        return (int) Math.max(1, millis);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RekognitionCallException(Kind.UNAVAILABLE, "Interrupted", null, "interrupted while backing off");
        }
    }

    /** A successful call: the JSON Rekognition answered, and the id of its request. */
    public record Answer(JsonNode body, String requestId) {
    }

    /** One failed attempt, with what the retry strategy needs to know about it. */
    static final class Failure extends RuntimeException {
        final Kind kind;
        final String code;
        final String requestId;
        final boolean retryable;
        final boolean throttling;

        Failure(Kind kind, String code, String requestId, String message, boolean retryable, boolean throttling) {
            super(message, null, false, false);
            this.kind = kind;
            this.code = code;
            this.requestId = requestId;
            this.retryable = retryable;
            this.throttling = throttling;
        }

        RekognitionCallException asCallException() {
            return new RekognitionCallException(kind, code, requestId, getMessage());
        }
    }

    /** While active, stops each request at the last step before it is sent. */
    private static final class PrimingGate {
        private final AtomicInteger stopped = new AtomicInteger();
        private volatile boolean active;

        void check() {
            if (active) {
                stopped.incrementAndGet();
                // On purpose, so not an I/O error and never retried.
                throw new Failure(Kind.UNAVAILABLE, "StoppedForPriming", null,
                        "request stopped before transmission: SnapStart priming", false, false);
            }
        }

        synchronized int stopEveryRequestDuring(Runnable action) {
            int before = stopped.get();
            active = true;
            try {
                action.run();
            } finally {
                active = false;
            }
            return stopped.get() - before;
        }
    }
}
