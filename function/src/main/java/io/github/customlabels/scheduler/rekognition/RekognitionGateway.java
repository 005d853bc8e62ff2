package io.github.customlabels.scheduler.rekognition;

import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The four Rekognition operations this function uses, each bounded by the caller's deadline and
 * reporting failures as {@link RekognitionCallException}.
 */
public class RekognitionGateway {

    /** Time kept back from the deadline so that an answer can still be written after the last attempt. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);

    private final RekognitionApi api;
    private final Map<String, String> projectArnByProject = new ConcurrentHashMap<>();

    public RekognitionGateway(RekognitionApi api) {
        this.api = api;
    }

    /** StartProjectVersion; Rekognition normally answers STARTING. */
    public Acknowledgement start(ProjectVersionArn model, long minInferenceUnits, Long maxInferenceUnits,
                                 Deadline deadline) {
        JsonWriter w = JsonWriter.create().writeStartObject()
                .writeFieldName("ProjectVersionArn").writeValue(model.value())
                .writeFieldName("MinInferenceUnits").writeValue(minInferenceUnits);
        String body = Json.text(Json.field(w, "MaxInferenceUnits", maxInferenceUnits).writeEndObject());
        return acknowledgement(call(model, "StartProjectVersion", body, deadline));
    }

    /** StopProjectVersion; Rekognition normally answers STOPPING. */
    public Acknowledgement stop(ProjectVersionArn model, Deadline deadline) {
        String body = Json.text(JsonWriter.create().writeStartObject()
                .writeFieldName("ProjectVersionArn").writeValue(model.value()).writeEndObject());
        return acknowledgement(call(model, "StopProjectVersion", body, deadline));
    }

    /**
     * The model's current state from DescribeProjectVersions. The project ARN cannot be derived from the
     * version ARN, so it comes from configuration or from DescribeProjects, cached per project.
     */
    public ModelState describe(ProjectVersionArn model, Optional<String> configuredProjectArn, Deadline deadline) {
        String projectArn = configuredProjectArn.orElseGet(() -> findProjectArn(model, deadline));
        String nextToken = null;
        do {
            JsonWriter w = JsonWriter.create().writeStartObject().writeFieldName("ProjectArn").writeValue(projectArn);
            Json.strings(w, "VersionNames", List.of(model.versionName()));
            String body = Json.text(Json.field(w, "NextToken", nextToken).writeEndObject());
            JsonNode page = call(model, "DescribeProjectVersions", body, deadline).body();
            for (JsonNode d : list(page, "ProjectVersionDescriptions")) {
                if (model.value().equals(Json.string(d, "ProjectVersionArn").orElse(null))) {
                    return new ModelState(Json.string(d, "Status").orElse(null),
                            Json.string(d, "StatusMessage").orElse(null),
                            number(d, "MinInferenceUnits"), number(d, "MaxInferenceUnits"));
                }
            }
            nextToken = Json.string(page, "NextToken").orElse(null);
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
            JsonWriter w = Json.strings(JsonWriter.create().writeStartObject(), "ProjectNames",
                    List.of(model.projectName()));
            String body = Json.text(Json.field(w, "NextToken", nextToken).writeEndObject());
            JsonNode page = call(model, "DescribeProjects", body, deadline).body();
            for (JsonNode p : list(page, "ProjectDescriptions")) {
                String projectArn = Json.string(p, "ProjectArn").orElse(null);
                if (projectArn != null && projectArn.contains(":project/" + model.projectName() + "/")) {
                    projectArnByProject.put(key, projectArn);
                    return projectArn;
                }
            }
            nextToken = Json.string(page, "NextToken").orElse(null);
        } while (nextToken != null && !nextToken.isEmpty());
        throw new RekognitionCallException(Kind.RESOURCE_NOT_FOUND, "ResourceNotFoundException", null,
                "project " + model.projectName() + " not found");
    }

    /** Every attempt and backoff of one call must end before the deadline, less the time an answer needs. */
    private RekognitionApi.Answer call(ProjectVersionArn model, String operation, String body, Deadline deadline) {
        if (deadline.remaining().compareTo(ANSWER_MARGIN) <= 0) {
            throw new RekognitionCallException(Kind.UNAVAILABLE, "DeadlineExceeded", null,
                    "no time left for a Rekognition call before the function's deadline");
        }
        return api.call(model.region(), operation, body,
                new Deadline(deadline.expiresAtNanos() - ANSWER_MARGIN.toNanos()));
    }

    private static Acknowledgement acknowledgement(RekognitionApi.Answer answer) {
        return new Acknowledgement(Json.string(answer.body(), "Status").orElse(null), answer.requestId());
    }

    private static List<JsonNode> list(JsonNode node, String name) {
        return Json.field(node, name).filter(JsonNode::isArray).map(JsonNode::asArray).orElse(List.of());
    }

    private static Long number(JsonNode node, String name) {
        return Json.field(node, name).filter(JsonNode::isNumber).map(n -> Long.valueOf(n.asNumber())).orElse(null);
    }
}
