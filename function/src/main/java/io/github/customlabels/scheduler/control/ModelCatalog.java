package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.rekognition.ProjectArn;
import io.github.customlabels.scheduler.rekognition.ProjectVersionArn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The configured models: this deployment's allow-list. Read from the {@code MODELS} environment
 * variable that the stack writes; a model that is not here is never sent to Rekognition.
 */
public final class ModelCatalog {

    private final Map<String, ModelConfig> byName;
    private final List<ModelConfig> ordered;

    public ModelCatalog(Collection<ModelConfig> models) {
        Map<String, ModelConfig> map = new LinkedHashMap<>();
        models.forEach(m -> map.put(m.name(), m));
        this.byName = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    /**
     * Parses {@code {"name": {"projectVersionArn": ..., "projectArn": ..., "minInferenceUnits": 1,
     * "maxInferenceUnits": 2, "inferenceUnitCeiling": 4}}}. A broken value fails start-up loudly, since
     * it is a deployment error, not a caller's.
     */
    public static ModelCatalog fromJson(String json) {
        if (json == null || json.isBlank()) {
            return new ModelCatalog(List.of());
        }
        JsonNode root = Json.parse(json);
        if (!root.isObject()) {
            throw new IllegalStateException("MODELS must be a JSON object of model name to model");
        }
        List<ModelConfig> models = new ArrayList<>();
        root.asObject().forEach((name, node) -> models.add(model(name, node)));
        return new ModelCatalog(models);
    }

    private static ModelConfig model(String name, JsonNode node) {
        String arnText = Json.string(node, "projectVersionArn").orElse(null);
        ProjectVersionArn arn = ProjectVersionArn.parse(arnText).orElseThrow(() ->
                new IllegalStateException("MODELS." + name + ".projectVersionArn is not a project version ARN"));
        Optional<String> projectArn = Json.string(node, "projectArn");
        if (projectArn.isPresent() && !ProjectArn.isValid(projectArn.get())) {
            throw new IllegalStateException("MODELS." + name + ".projectArn is not a project ARN");
        }
        long min = units(node, "minInferenceUnits").orElse(1L);
        Long max = units(node, "maxInferenceUnits").orElse(null);
        long ceiling = units(node, "inferenceUnitCeiling").orElse(max == null ? min : Math.max(min, max));
        return new ModelConfig(name, arn, projectArn, min, max, ceiling);
    }

    private static Optional<Long> units(JsonNode node, String field) {
        return Json.field(node, field).filter(JsonNode::isNumber).map(n -> Long.parseLong(n.asNumber()));
    }

    public Optional<ModelConfig> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<ModelConfig> byProjectVersionArn(String arn) {
        return ordered.stream().filter(m -> m.projectVersionArn().value().equals(arn)).findFirst();
    }

    /** Every configured model, in configuration order. */
    public List<ModelConfig> all() {
        return ordered;
    }
}
