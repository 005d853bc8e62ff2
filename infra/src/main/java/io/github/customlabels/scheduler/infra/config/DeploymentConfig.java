package io.github.customlabels.scheduler.infra.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A deployment's configuration, read from cdk.json context and validated as a whole.
 *
 * @param models by name, in configuration order
 * @param region the region the stack deploys to, or null to let the CDK CLI decide
 */
public record DeploymentConfig(
        Map<String, ModelConfig> models,
        List<ScheduleConfig> schedules,
        Command defaultCommand,
        FunctionOptions function,
        ApiOptions api,
        AlarmOptions alarms,
        String region) {

    /** The context keys this configuration reads; other context (feature flags, lookups) belongs to the CDK. */
    public static final List<String> CONTEXT_KEYS =
            List.of("models", "schedules", "defaultCommand", "function", "api", "alarms", "region");

    public DeploymentConfig {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        schedules = List.copyOf(schedules);
        Objects.requireNonNull(defaultCommand, "defaultCommand");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(alarms, "alarms");
    }

    /** Reads and validates the configuration from context, e.g. {@code app.getNode()::tryGetContext}. */
    public static DeploymentConfig fromContext(Function<String, Object> context) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : CONTEXT_KEYS) {
            Object value = context.apply(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return parse(values);
    }

    /** Validates a configuration given as cdk.json would give it; throws {@link ConfigException} listing every problem. */
    public static DeploymentConfig parse(Map<String, ?> context) {
        return new ConfigParser().parse(context);
    }

    public Optional<String> regionIfConfigured() {
        return Optional.ofNullable(region);
    }

    /** The function's MODELS variable: name to model, compact JSON. */
    public String modelsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        models.forEach((name, model) -> json.put(name, model.toEnvironmentJson()));
        return Json.write(json);
    }

    public List<ModelConfig> idleStopModels() {
        return models.values().stream().filter(model -> model.idleStopMinutes() != null).toList();
    }
}
