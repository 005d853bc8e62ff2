package io.github.customlabels.scheduler.verification;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClientBuilder;

/**
 * The SDK client verification uses, as the function configures it: the function's credentials (shared with
 * Rekognition's clients), the SDK's region (the function's own) and endpoints ({@code AWS_ENDPOINT_URL_SCHEDULER}), the standard retry mode, url-connection-client.
 * It is built when first asked for, once per container: most invocations schedule nothing, and SnapStart priming asks
 * for it before the snapshot, with its requests stopped before they are sent.
 */
public final class VerificationClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private VerificationClients() {
    }

    /**
     * The client as the function configures it (url-connection-client with these timeouts, the standard retry mode,
     * SnapStart priming's gate), then {@code settings}: tests set an endpoint and a region there.
     */
    public static Supplier<SchedulerClient> scheduler(AwsCredentialsProvider credentials,
                                                      Consumer<SchedulerClientBuilder> settings) {
        return once(() -> {
            SchedulerClientBuilder builder = SchedulerClient.builder()
                    .httpClient(http())
                    .credentialsProvider(credentials)
                    .overrideConfiguration(o -> o.retryStrategy(RekognitionGateway.retryMode())
                            .addExecutionInterceptor(RekognitionGateway.primingGate()));
            settings.accept(builder);
            return builder.build();
        });
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build();
    }


    /** A supplier that builds its value on the first call and returns that one ever after. */
    static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = build.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }
}
