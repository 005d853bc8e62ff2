package io.github.customlabels.scheduler.contract;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured models: this deployment's allow-list, from the configuration the stack writes
 * ({@code SchedulerConfig}); a model that is not here is never sent to Rekognition.
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
