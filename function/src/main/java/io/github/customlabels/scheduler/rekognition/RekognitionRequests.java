package io.github.customlabels.scheduler.rekognition;

import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectVersionsRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeProjectsRequest;
import software.amazon.awssdk.services.rekognition.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;
import software.amazon.awssdk.services.rekognition.model.StartProjectVersionRequest;
import software.amazon.awssdk.services.rekognition.model.StopProjectVersionRequest;
import software.amazon.awssdk.services.rekognition.model.TagResourceRequest;
import software.amazon.awssdk.services.rekognition.model.UntagResourceRequest;

/**
 * The one place where Rekognition requests are built: the gateway sends them, and a dry run reports the very same
 * objects, so what a dry run shows is what would be sent.
 */
public final class RekognitionRequests {

    private RekognitionRequests() {
    }

    /**
     * StartProjectVersion with these units; MaxInferenceUnits only when given (no auto-scaling otherwise). The units
     * were checked against {@code InferenceUnits.MAX}, the SDK field's bound, before they got here.
     */
    public static StartProjectVersionRequest start(ProjectVersionArn model, long minInferenceUnits,
                                                   Long maxInferenceUnits) {
        return StartProjectVersionRequest.builder()
                .projectVersionArn(model.value())
                .minInferenceUnits(Math.toIntExact(minInferenceUnits))
                .maxInferenceUnits(maxInferenceUnits == null ? null : Math.toIntExact(maxInferenceUnits))
                .build();
    }

    public static StopProjectVersionRequest stop(ProjectVersionArn model) {
        return StopProjectVersionRequest.builder().projectVersionArn(model.value()).build();
    }

    /** DescribeProjectVersions narrowed to the model's own version. */
    public static DescribeProjectVersionsRequest describeVersion(String projectArn, ProjectVersionArn model) {
        return DescribeProjectVersionsRequest.builder()
                .projectArn(projectArn)
                .versionNames(model.versionName())
                .build();
    }

    /** DescribeProjects by the project's name: how a project ARN that is not configured is found. */
    public static DescribeProjectsRequest findProject(ProjectVersionArn model) {
        return DescribeProjectsRequest.builder().projectNames(model.projectName()).build();
    }

    /** ListTagsForResource on the model version: where its override is kept. */
    public static ListTagsForResourceRequest listTags(ProjectVersionArn model) {
        return ListTagsForResourceRequest.builder().resourceArn(model.value()).build();
    }

    /** TagResource on the model version, adding or replacing these tags. */
    public static TagResourceRequest tag(ProjectVersionArn model, Map<String, String> tags) {
        return TagResourceRequest.builder().resourceArn(model.value()).tags(tags).build();
    }

    /** UntagResource on the model version, removing these keys (a key it does not have is no error). */
    public static UntagResourceRequest untag(ProjectVersionArn model, List<String> keys) {
        return UntagResourceRequest.builder().resourceArn(model.value()).tagKeys(keys).build();
    }

    /** The operation a request calls, as Rekognition names it ({@code StartProjectVersionRequest} → StartProjectVersion). */
    public static String operation(RekognitionRequest request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }

    /**
     * The fields the request carries, by their names on the wire and in the SDK's field order, unset ones left out
     * (as the SDK's marshaller leaves them out): {@code {"ProjectVersionArn": ..., "MinInferenceUnits": 1}}.
     */
    public static Map<String, Object> wireFields(RekognitionRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (SdkField<?> field : request.sdkFields()) {
            Object value = field.getValueOrDefault(request);
            // Lists the caller never set are the SDK's empty auto-constructed lists: not sent, so not shown.
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                fields.put(field.locationName(), value);
            }
        }
        return fields;
    }
}
