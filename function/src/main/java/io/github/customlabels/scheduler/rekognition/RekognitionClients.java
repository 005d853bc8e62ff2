package io.github.customlabels.scheduler.rekognition;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.RekognitionClientBuilder;

/**
 * One Rekognition client per region, built on first use and reused for the life of the container.
 * A model is always called in its own region, whatever region the function runs in.
 */
public final class RekognitionClients implements AutoCloseable {

    /** Connect fast or fail fast: a scheduler retries, a hung socket only burns the deadline. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, RekognitionClient> byRegion = new ConcurrentHashMap<>();
    private final Function<Region, RekognitionClient> factory;

    public RekognitionClients(Function<Region, RekognitionClient> factory) {
        this.factory = factory;
    }

    /**
     * Clients with the default credentials chain (environment keys, or the container provider that
     * SnapStart uses) and the JDK's HTTP client. {@code AWS_ENDPOINT_URL_REKOGNITION} is honoured by the SDK.
     */
    public static RekognitionClients withDefaults() {
        SdkHttpClient http = httpClient();
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        return new RekognitionClients(region -> configure(RekognitionClient.builder(), http, credentials)
                .region(region)
                .build());
    }

    /**
     * The HTTP client all regional clients share: the JDK's, with explicit connect and read timeouts, sending each
     * small request in one go (see {@link BufferedBodyHttpClient}).
     */
    public static SdkHttpClient httpClient() {
        return new BufferedBodyHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build());
    }

    /**
     * This function's client settings: the shared HTTP client and credentials, the standard retry strategy
     * (3 attempts, backoff with jitter, throttling backs off longer) made deadline-aware, and a bound on each attempt. The total
     * time of a call is bounded per request by the caller's deadline. Every client carries the priming short-circuit.
     */
    public static RekognitionClientBuilder configure(RekognitionClientBuilder builder, SdkHttpClient http,
                                                     AwsCredentialsProvider credentials) {
        return builder
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o
                        .retryStrategy(new DeadlineAwareRetryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                        .apiCallAttemptTimeout(READ_TIMEOUT)
                        .addExecutionInterceptor(PrimingShortCircuit.INSTANCE));
    }

    /** The client for a region, created once. */
    public RekognitionClient forRegion(String region) {
        return byRegion.computeIfAbsent(region, this::build);
    }

    /**
     * Runs the action with every Rekognition request, from any client {@link #configure} set up, stopped just
     * before transmission (the SDK then fails the call with an {@code SdkClientException}); returns how many
     * requests were stopped. For SnapStart priming.
     */
    public static int withoutSending(Runnable action) {
        return PrimingShortCircuit.INSTANCE.stopEveryRequestDuring(action);
    }

    private RekognitionClient build(String region) {
        RekognitionClient client = factory.apply(Region.of(region));
        // Without the short-circuit, priming could send a Start or Stop: such a client is refused outright.
        if (!client.serviceClientConfiguration().overrideConfiguration().executionInterceptors()
                .contains(PrimingShortCircuit.INSTANCE)) {
            client.close();
            throw new IllegalStateException("Rekognition clients must be set up with RekognitionClients.configure");
        }
        return client;
    }

    @Override
    public void close() {
        byRegion.values().forEach(RekognitionClient::close);
        byRegion.clear();
    }
}
