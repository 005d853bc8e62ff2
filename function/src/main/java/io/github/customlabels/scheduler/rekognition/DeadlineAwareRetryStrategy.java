package io.github.customlabels.scheduler.rekognition;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The SDK's standard retries, except that no retry starts when its backoff plus one attempt would end
 * after the caller's deadline: the caller then gets the real failure (throttling, server error) in time
 * to answer, instead of a timeout.
 */
final class DeadlineAwareRetryStrategy implements RetryStrategy {

    /** Time one more attempt needs to be worth starting. */
    static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    /** The synchronous client retries on the calling thread, so the deadline travels with it. */
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final RetryStrategy standard;

    DeadlineAwareRetryStrategy(RetryStrategy standard) {
        this.standard = standard;
    }

    /** Runs a call whose retries must all end before the deadline. */
    static <T> T within(Deadline deadline, Supplier<T> call) {
        CURRENT.set(deadline);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        RefreshRetryTokenResponse retry = standard.refreshRetryToken(request);
        Deadline deadline = CURRENT.get();
        if (deadline != null && deadline.remaining().compareTo(retry.delay().plus(MIN_ATTEMPT)) < 0) {
            throw new TokenAcquisitionFailedException("no time left for another attempt before the deadline",
                    retry.token(), request.failure());
        }
        return retry;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return standard.acquireInitialToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return standard.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return standard.maxAttempts();
    }

    /** Already configured with the AWS retry conditions: the client must use it as it is. */
    @Override
    public boolean useClientDefaults() {
        return false;
    }

    @Override
    public Builder<?, ?> toBuilder() {
        return standard.toBuilder();
    }

    @Override
    public void close() {
        standard.close();
    }
}
