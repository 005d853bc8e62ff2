package io.github.customlabels.scheduler.rekognition;

import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectsResponse;
import software.amazon.awssdk.services.rekognition.model.ProjectDescription;
import software.amazon.awssdk.services.rekognition.model.ProjectVersionDescription;

/**
 * The four Rekognition operations this function uses, each bounded by the caller's deadline and
 * reporting failures as {@link RekognitionCallException}.
 */
public class RekognitionGateway {

    /** Time kept back from the deadline so that an answer can still be written after the last attempt. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);

    private final RekognitionClients clients;
    private final Map<String, String> projectArnByProject = new ConcurrentHashMap<>();

    public RekognitionGateway(RekognitionClients clients) {
        this.clients = clients;
    }

    /** StartProjectVersion; Rekognition normally answers STARTING. */
    public Acknowledgement start(ProjectVersionArn model, long minInferenceUnits, Long maxInferenceUnits,
                                 Deadline deadline) {
        var response = call(deadline, () -> client(model).startProjectVersion(r -> {
            r.projectVersionArn(model.value())
                    .minInferenceUnits(Math.toIntExact(minInferenceUnits))
                    .overrideConfiguration(timeout(deadline));
            if (maxInferenceUnits != null) {
                r.maxInferenceUnits(Math.toIntExact(maxInferenceUnits));
            }
        }));
        return new Acknowledgement(response.statusAsString(), response.responseMetadata().requestId());
    }

    /** StopProjectVersion; Rekognition normally answers STOPPING. */
    public Acknowledgement stop(ProjectVersionArn model, Deadline deadline) {
        var response = call(deadline, () -> client(model).stopProjectVersion(r -> r
                .projectVersionArn(model.value())
                .overrideConfiguration(timeout(deadline))));
        return new Acknowledgement(response.statusAsString(), response.responseMetadata().requestId());
    }

    /**
     * The model's current state from DescribeProjectVersions. The project ARN cannot be derived from the
     * version ARN, so it comes from configuration or from DescribeProjects, cached per project.
     */
    public ModelState describe(ProjectVersionArn model, Optional<String> configuredProjectArn, Deadline deadline) {
        String projectArn = configuredProjectArn.orElseGet(() -> findProjectArn(model, deadline));
        String nextToken = null;
        do {
            String token = nextToken;
            DescribeProjectVersionsResponse page = call(deadline, () -> client(model).describeProjectVersions(r -> r
                    .projectArn(projectArn)
                    .versionNames(model.versionName())
                    .nextToken(token)
                    .overrideConfiguration(timeout(deadline))));
            for (ProjectVersionDescription d : page.projectVersionDescriptions()) {
                if (model.value().equals(d.projectVersionArn())) {
                    return new ModelState(d.statusAsString(), d.statusMessage(),
                            d.minInferenceUnits() == null ? null : d.minInferenceUnits().longValue(),
                            d.maxInferenceUnits() == null ? null : d.maxInferenceUnits().longValue());
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        throw new RekognitionCallException(Kind.RESOURCE_NOT_FOUND, "ResourceNotFoundException", null,
                "version " + model.versionName() + " not found in project " + projectArn);
    }

    private String findProjectArn(ProjectVersionArn model, Deadline deadline) {
        String key = model.region() + ':' + model.account() + ':' + model.projectName();
        String cached = projectArnByProject.get(key);
        if (cached != null) {
            return cached;
        }
        String nextToken = null;
        do {
            String token = nextToken;
            DescribeProjectsResponse page = call(deadline, () -> client(model).describeProjects(r -> r
                    .projectNames(model.projectName())
                    .nextToken(token)
                    .overrideConfiguration(timeout(deadline))));
            for (ProjectDescription p : page.projectDescriptions()) {
                if (p.projectArn() != null && p.projectArn().contains(":project/" + model.projectName() + "/")) {
                    projectArnByProject.put(key, p.projectArn());
                    return p.projectArn();
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        throw new RekognitionCallException(Kind.RESOURCE_NOT_FOUND, "ResourceNotFoundException", null,
                "project " + model.projectName() + " not found");
    }

    private RekognitionClient client(ProjectVersionArn model) {
        return clients.forRegion(model.region());
    }

    /** Every attempt and backoff of one call must end before the deadline: no retry starts that could not finish. */
    private static java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> timeout(Deadline deadline) {
        Duration budget = deadline.remaining().minus(ANSWER_MARGIN);
        return o -> o.apiCallTimeout(budget.isNegative() || budget.isZero() ? Duration.ofMillis(1) : budget);
    }

    private static <T> T call(Deadline deadline, Supplier<T> operation) {
        if (deadline.remaining().compareTo(ANSWER_MARGIN) <= 0) {
            throw new RekognitionCallException(Kind.UNAVAILABLE, "DeadlineExceeded", null,
                    "no time left for a Rekognition call before the function's deadline");
        }
        try {
            return DeadlineAwareRetryStrategy.within(new Deadline(deadline.expiresAtNanos() - ANSWER_MARGIN.toNanos()),
                    operation);
        } catch (AwsServiceException e) {
            throw classify(e);
        } catch (SdkException e) {
            throw new RekognitionCallException(Kind.UNAVAILABLE, e.getClass().getSimpleName(), null, e.getMessage());
        }
    }

    static RekognitionCallException classify(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        Kind kind = switch (code == null ? "" : code) {
            case "AccessDeniedException" -> Kind.ACCESS_DENIED;
            case "InvalidParameterException", "ValidationException" -> Kind.INVALID_PARAMETER;
            case "LimitExceededException", "ServiceQuotaExceededException" -> Kind.LIMIT_EXCEEDED;
            case "ResourceInUseException" -> Kind.RESOURCE_IN_USE;
            case "ResourceNotFoundException" -> Kind.RESOURCE_NOT_FOUND;
            case "ProvisionedThroughputExceededException", "ThrottlingException" -> Kind.THROTTLED;
            default -> e.isThrottlingException() ? Kind.THROTTLED
                    : e.statusCode() == 403 ? Kind.ACCESS_DENIED
                    : Kind.SERVICE_ERROR;
        };
        return new RekognitionCallException(kind, code == null ? "HTTP " + e.statusCode() : code, e.requestId(),
                e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    }
}
