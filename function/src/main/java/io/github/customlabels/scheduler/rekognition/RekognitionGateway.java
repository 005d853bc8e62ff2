package io.github.customlabels.scheduler.rekognition;

import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.RekognitionClientBuilder;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectsRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectsResponse;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rekognition.model.ProjectDescription;
import software.amazon.awssdk.services.rekognition.model.ProjectVersionDescription;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;
import software.amazon.awssdk.services.rekognition.model.ResourceInUseException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.rekognition.model.StartProjectVersionResponse;
import software.amazon.awssdk.services.rekognition.model.StopProjectVersionResponse;
import software.amazon.awssdk.services.rekognition.model.TagResourceResponse;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;
import software.amazon.awssdk.services.rekognition.model.UntagResourceResponse;

/**
 * The Rekognition operations this function uses (start, stop, describe, and the tags that hold overrides), through the SDK's generated {@link RekognitionClient}: one
 * client per region (the model's, from its ARN), built on first use and kept for the container's life. Each call is
 * bounded by the caller's deadline and reports failures as {@link RekognitionCallException}.
 *
 * <p>The SDK does what it does: the default credentials chain (SnapStart's container provider included), endpoint
 * resolution ({@code AWS_ENDPOINT_URL_REKOGNITION}, {@code AWS_ENDPOINT_URL}, FIPS, dual-stack, profiles), the
 * retry mode ({@code AWS_RETRY_MODE}, {@code AWS_MAX_ATTEMPTS}; standard by default), signing and the JSON 1.1
 * protocol. This class adds only the deadline, the region choice, the project-ARN cache and the meaning of errors.
 */
public class RekognitionGateway {

    /** Time kept back from the deadline so that an answer can still be written after the last attempt. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);
    /** One attempt's bound: a hung socket costs one attempt, not the whole of a long deadline. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** Connect fast or fail fast: the SDK retries, a dead endpoint only burns the deadline. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The most a read may wait for its next byte; the attempt and call timeouts bound the whole. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Codes with which AWS refuses the caller's identity rather than the request: the function's credentials are
     * expired, unknown, or did not sign the request right.
     */
    private static final Set<String> IDENTITY_CODES = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "ExpiredTokenException", "ExpiredToken", "InvalidSignatureException", "SignatureDoesNotMatch",
            "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "InvalidAccessKeyId", "AuthFailure", "RequestExpired");

    /** Rekognition's throttling codes (its modeled throttling exceptions), as the error-type header names them. */
    private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException",
            "ProvisionedThroughputExceededException");

    static {
        // The JDK's HttpURLConnection (under url-connection-client) sends a POST a second time, on its own, when a
        // connection closes before the answer's headers: the SDK's attempts would then not be the requests sent,
        // and a StartProjectVersion could reach Rekognition more often than the retry policy allows. The JDK reads
        // the setting once, when its HTTP client class initialises at the process's first HTTP connection; this
        // class initialises before it can build a client, and the handler builds it during init, before anything
        // in the function connects anywhere.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private static final PrimingGate PRIMING = new PrimingGate();
    private static final LastAttempt LAST_ATTEMPT = new LastAttempt();

    private final Function<Region, RekognitionClient> clientFactory;
    private final Map<Region, RekognitionClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> projectArnByProject = new ConcurrentHashMap<>();

    /** As deployed: the given credentials (the default chain), the SDK's endpoints and retries, url-connection-client. */
    public RekognitionGateway(AwsCredentialsProvider credentials) {
        this(clients(credentials, builder -> { }));
    }

    /** With clients from elsewhere: Mockito mocks, or real clients pointed at a local endpoint. */
    public RekognitionGateway(Function<Region, RekognitionClient> clientFactory) {
        this.clientFactory = clientFactory;
    }

    /**
     * Clients configured as the function configures them (url-connection-client with this class's timeouts, one HTTP
     * client for every region, the priming interceptor, credentials failures told apart), then {@code settings}:
     * tests set an endpoint there. A client is built only when a region is first called.
     */
    public static Function<Region, RekognitionClient> clients(AwsCredentialsProvider credentials,
                                                              Consumer<RekognitionClientBuilder> settings) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
        AwsCredentialsProvider identity = new FunctionCredentials(credentials);
        RetryMode retryMode = retryMode();
        return region -> {
            RekognitionClientBuilder builder = RekognitionClient.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(identity)
                    .overrideConfiguration(o -> o.retryStrategy(retryMode).addExecutionInterceptor(PRIMING)
                            .addExecutionInterceptor(LAST_ATTEMPT));
            settings.accept(builder);
            return builder.build();
        };
    }

    /**
     * The retry mode of every SDK client of the function: the SDK's own resolution of {@code AWS_RETRY_MODE}
     * ({@code aws.retryMode}, the profile's {@code retry_mode}), with standard where nothing is set, since the SDK's
     * fallback would be legacy (4 attempts, no throttling-aware backoff). {@code AWS_MAX_ATTEMPTS} still applies on
     * top, as the SDK resolves it.
     */
    public static RetryMode retryMode() {
        return RetryMode.resolver().defaultRetryMode(RetryMode.STANDARD).resolve();
    }

    /**
     * Runs the action with every request stopped after it is marshalled and signed, just before it would be sent;
     * returns how many were stopped. Nothing leaves the process meanwhile. For SnapStart priming.
     */
    public static int withoutSending(Runnable action) {
        return PRIMING.stopEveryRequestDuring(action);
    }

    /**
     * The gate {@link #withoutSending} closes, for the function's other SDK client (Scheduler's): one gate, so that
     * priming stops every request of every client at the same step.
     */
    public static ExecutionInterceptor primingGate() {
        return PRIMING;
    }

    /** StartProjectVersion; Rekognition normally answers STARTING. */
    public Acknowledgement start(ProjectVersionArn model, long minInferenceUnits, Long maxInferenceUnits,
                                 Deadline deadline) {
        var request = bounded(RekognitionRequests.start(model, minInferenceUnits, maxInferenceUnits), deadline);
        StartProjectVersionResponse response = call(() -> client(model).startProjectVersion(request));
        return new Acknowledgement(response.statusAsString(), requestId(response));
    }

    /** StopProjectVersion; Rekognition normally answers STOPPING. */
    public Acknowledgement stop(ProjectVersionArn model, Deadline deadline) {
        var request = bounded(RekognitionRequests.stop(model), deadline);
        StopProjectVersionResponse response = call(() -> client(model).stopProjectVersion(request));
        return new Acknowledgement(response.statusAsString(), requestId(response));
    }

    /** ListTagsForResource: the model version's tags. */
    public Map<String, String> tags(ProjectVersionArn model, Deadline deadline) {
        var request = bounded(RekognitionRequests.listTags(model), deadline);
        ListTagsForResourceResponse response = call(() -> client(model).listTagsForResource(request));
        return response.tags();
    }

    /** TagResource: adds or replaces these tags on the model version; returns Rekognition's request id. */
    public String tag(ProjectVersionArn model, Map<String, String> tags, Deadline deadline) {
        var request = bounded(RekognitionRequests.tag(model, tags), deadline);
        TagResourceResponse response = call(() -> client(model).tagResource(request));
        return requestId(response);
    }

    /** UntagResource: removes these tag keys from the model version; returns Rekognition's request id. */
    public String untag(ProjectVersionArn model, List<String> keys, Deadline deadline) {
        var request = bounded(RekognitionRequests.untag(model, keys), deadline);
        UntagResourceResponse response = call(() -> client(model).untagResource(request));
        return requestId(response);
    }

    /**
     * The model's current state from DescribeProjectVersions. The project ARN cannot be derived from the version ARN,
     * so it comes from configuration or from DescribeProjects, cached per project.
     */
    public ModelState describe(ProjectVersionArn model, Optional<String> configuredProjectArn, Deadline deadline) {
        String projectArn = configuredProjectArn.orElseGet(() -> findProjectArn(model, deadline));
        RekognitionClient pages = new DeadlineBoundClient(client(model), deadline);
        DescribeProjectVersionsRequest first = RekognitionRequests.describeVersion(projectArn, model);
        return call(() -> {
            for (DescribeProjectVersionsResponse page : pages.describeProjectVersionsPaginator(first)) {
                for (ProjectVersionDescription d : page.projectVersionDescriptions()) {
                    if (model.value().equals(d.projectVersionArn())) {
                        return new ModelState(d.statusAsString(), d.statusMessage(), asLong(d.minInferenceUnits()),
                                asLong(d.maxInferenceUnits()));
                    }
                }
            }
            throw new RekognitionCallException(Kind.RESOURCE_NOT_FOUND, "ResourceNotFoundException", null,
                    "version " + model.versionName() + " not found in project " + projectArn);
        });
    }

    private String findProjectArn(ProjectVersionArn model, Deadline deadline) {
        String key = model.region() + ':' + model.account() + ':' + model.projectName();
        String cached = projectArnByProject.get(key);
        if (cached != null) {
            return cached;
        }
        RekognitionClient pages = new DeadlineBoundClient(client(model), deadline);
        String found = call(() -> {
            for (DescribeProjectsResponse page : pages.describeProjectsPaginator(RekognitionRequests.findProject(model))) {
                for (ProjectDescription p : page.projectDescriptions()) {
                    if (p.projectArn() != null && p.projectArn().contains(":project/" + model.projectName() + "/")) {
                        return p.projectArn();
                    }
                }
            }
            throw new RekognitionCallException(Kind.RESOURCE_NOT_FOUND, "ResourceNotFoundException", null,
                    "project " + model.projectName() + " not found");
        });
        projectArnByProject.put(key, found);
        return found;
    }

    private RekognitionClient client(ProjectVersionArn model) {
        return clients.computeIfAbsent(Region.of(model.region()), clientFactory);
    }

    /**
     * The request with the SDK's own bounds from the deadline: the whole call (every attempt, every backoff, the
     * reading of the answer) ends before the deadline less the margin, which a socket timeout alone cannot promise:
     * an answer that trickles in a byte at a time never trips one.
     */
    @SuppressWarnings("unchecked")
    static <T extends RekognitionRequest> T bounded(T request, Deadline deadline) {
        Duration budget = deadline.remaining().minus(ANSWER_MARGIN);
        if (budget.isNegative() || budget.isZero()) {
            throw new RekognitionCallException(Kind.UNAVAILABLE, "DeadlineExceeded", null,
                    "no time left for a Rekognition call before the function's deadline");
        }
        Duration attempt = budget.compareTo(ATTEMPT_TIMEOUT) < 0 ? budget : ATTEMPT_TIMEOUT;
        return (T) request.toBuilder()
                .overrideConfiguration(o -> o.apiCallTimeout(budget).apiCallAttemptTimeout(attempt))
                .build();
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException | CredentialsUnavailable | StoppedForPriming e) {
            throw translate(e);
        }
    }

    /** What a failed call means for the caller, by the SDK's modeled exceptions first. */
    static RekognitionCallException translate(RuntimeException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                    ? service.getMessage() : service.awsErrorDetails().errorMessage();
            return new RekognitionCallException(kindOf(service, code),
                    code == null ? "HTTP " + service.statusCode() : code, service.requestId(), message);
        }
        if (causedBy(e, StoppedForPriming.class) != null) {
            return new RekognitionCallException(Kind.UNAVAILABLE, "StoppedForPriming", null, e.getMessage());
        }
        Throwable credentials = causedBy(e, CredentialsUnavailable.class);
        if (credentials != null) {
            return new RekognitionCallException(Kind.IDENTITY, "CredentialsUnavailable", null,
                    String.valueOf(credentials.getCause()));
        }
        if (e instanceof ApiCallTimeoutException) {
            String lastCode = LastAttempt.errorCodeOf(e);
            if (lastCode != null && THROTTLING_CODES.contains(lastCode)) {
                // Out of time while backing off from throttling: the caller should slow down, not call it an outage.
                return new RekognitionCallException(Kind.THROTTLED, lastCode, null,
                        "throttled by Rekognition until the deadline: " + e.getMessage());
            }
            return new RekognitionCallException(Kind.UNAVAILABLE, "DeadlineExceeded", null, e.getMessage());
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return new RekognitionCallException(Kind.UNAVAILABLE, "AttemptTimeout", null, e.getMessage());
        }
        Throwable io = causedBy(e, IOException.class);
        if (io != null) {
            return new RekognitionCallException(Kind.UNAVAILABLE, io.getClass().getSimpleName(), null, e.getMessage());
        }
        return new RekognitionCallException(Kind.CLIENT_FAULT, e.getClass().getSimpleName(), null, e.getMessage());
    }

    private static Kind kindOf(AwsServiceException e, String code) {
        if (e instanceof ThrottlingException || e instanceof ProvisionedThroughputExceededException) {
            return Kind.THROTTLED;
        } else if (e instanceof AccessDeniedException) {
            return Kind.ACCESS_DENIED;
        } else if (e instanceof InvalidParameterException) {
            return Kind.INVALID_PARAMETER;
        } else if (e instanceof LimitExceededException || e instanceof ServiceQuotaExceededException) {
            return Kind.LIMIT_EXCEEDED;
        } else if (e instanceof ResourceInUseException) {
            return Kind.RESOURCE_IN_USE;
        } else if (e instanceof ResourceNotFoundException) {
            return Kind.RESOURCE_NOT_FOUND;
        } else if (e instanceof InternalServerErrorException) {
            return Kind.SERVICE_ERROR;
        } else if (code != null && IDENTITY_CODES.contains(code)) {
            return Kind.IDENTITY;
        } else if (e.isThrottlingException()) {
            return Kind.THROTTLED;
        } else if (e.statusCode() == 403) {
            return Kind.ACCESS_DENIED;
        }
        return e.statusCode() >= 500 ? Kind.SERVICE_ERROR : Kind.REJECTED;
    }

    private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String requestId(AwsResponse response) {
        String id = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
        return id == null || "UNKNOWN".equals(id) ? null : id;
    }

    private static Long asLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    /**
     * The client as the SDK's paginators see it: each page is its own call, bounded by the deadline as it stands
     * then, and a service that hands back a page token it gave before ends the walk instead of looping on it.
     */
    private static final class DeadlineBoundClient implements RekognitionClient {
        private final RekognitionClient client;
        private final Deadline deadline;
        private final Set<String> tokens = new HashSet<>();

        DeadlineBoundClient(RekognitionClient client, Deadline deadline) {
            this.client = client;
            this.deadline = deadline;
        }

        @Override
        public DescribeProjectVersionsResponse describeProjectVersions(DescribeProjectVersionsRequest request) {
            checkToken(request.nextToken());
            return client.describeProjectVersions(bounded(request, deadline));
        }

        @Override
        public DescribeProjectsResponse describeProjects(DescribeProjectsRequest request) {
            checkToken(request.nextToken());
            return client.describeProjects(bounded(request, deadline));
        }

        private void checkToken(String token) {
            if (token != null && !tokens.add(token)) {
                throw new RekognitionCallException(Kind.SERVICE_ERROR, "RepeatedNextToken", null,
                        "Rekognition answered a page token it had already given; the listing would never end");
            }
        }

        @Override
        public String serviceName() {
            return client.serviceName();
        }

        @Override
        public void close() {
            // The wrapped client lives as long as the gateway.
        }
    }

    /** The function's credentials, with a failure to load them told apart from every other client-side failure. */
    private record FunctionCredentials(AwsCredentialsProvider provider) implements AwsCredentialsProvider {
        @Override
        public AwsCredentials resolveCredentials() {
            try {
                return provider.resolveCredentials();
            } catch (RuntimeException e) {
                throw new CredentialsUnavailable(e);
            }
        }
    }

    /**
     * No credentials could be loaded; the cause says from where they were tried. Not an SDK exception on purpose:
     * the SDK wraps it and keeps it as the cause, where {@link #translate} finds it.
     */
    private static final class CredentialsUnavailable extends RuntimeException {
        CredentialsUnavailable(RuntimeException cause) {
            super("the function's AWS credentials could not be loaded: " + cause.getMessage(), cause);
        }
    }

    /** Thrown on purpose in place of sending. Neither an SDK nor an I/O exception, so the SDK does not retry it. */
    private static final class StoppedForPriming extends RuntimeException {
        StoppedForPriming() {
            super("request stopped before transmission: SnapStart priming", null, false, false);
        }
    }

    /**
     * Remembers the error code of a call's last answered attempt and, if the call then runs out of time (the deadline
     * ends a backoff), attaches it to the SDK's {@link ApiCallTimeoutException}, which carries no cause of its own:
     * so endless throttling is reported as throttling, whichever backoff the deadline happened to cut short.
     */
    private static final class LastAttempt implements ExecutionInterceptor {
        private static final ExecutionAttribute<String> ERROR_CODE = new ExecutionAttribute<>("LastAttemptErrorCode");

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            int status = context.httpResponse().statusCode();
            String code = status < 300 ? null : context.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                    .map(type -> type.split(":", 2)[0]).orElse("HTTP " + status);
            attributes.putAttribute(ERROR_CODE, code);
        }

        @Override
        public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable failure = context.exception();
            String code = attributes.getAttribute(ERROR_CODE);
            if (failure instanceof ApiCallTimeoutException && code != null) {
                failure.addSuppressed(new AnsweredAttempt(code));
            }
            return failure;
        }

        /** The last answered attempt's error code attached to a call that ran out of time, or null. */
        static String errorCodeOf(Throwable failure) {
            for (Throwable suppressed : failure.getSuppressed()) {
                if (suppressed instanceof AnsweredAttempt attempt) {
                    return attempt.getMessage();
                }
            }
            return null;
        }
    }

    /** The error code of a call's last answered attempt, kept with the call's timeout. */
    private static final class AnsweredAttempt extends RuntimeException {
        AnsweredAttempt(String errorCode) {
            super(errorCode, null, false, false);
        }
    }

    /** While active, stops each request at the last step before it is sent, after it is marshalled and signed. */
    private static final class PrimingGate implements ExecutionInterceptor {
        private final AtomicInteger stopped = new AtomicInteger();
        private volatile boolean active;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context,
                                       ExecutionAttributes attributes) {
            if (active) {
                stopped.incrementAndGet();
                throw new StoppedForPriming();
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
