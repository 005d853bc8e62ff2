package io.github.customlabels.scheduler.infra.config;

import io.github.customlabels.scheduler.contract.ConfiguredSchedule;
import io.github.customlabels.scheduler.contract.CronSchedule;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import java.time.Duration;
import java.time.ZoneId;
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
 * @param defaultCommand null when not configured: the function then starts every model
 * @param region the region the stack deploys to, or null to let the CDK CLI decide
 * @param overrideMaxDays how far ahead a person's override may end (overrides.maxDays)
 * @param verification how starts are followed up (verification)
 */
public record DeploymentConfig(
        Map<String, ModelConfig> models,
        List<ScheduleConfig> schedules,
        Command defaultCommand,
        FunctionOptions function,
        ApiOptions api,
        AlarmOptions alarms,
        String region,
        int overrideMaxDays,
        VerificationOptions verification) {

    /** The context keys this configuration reads; other context (feature flags, lookups) belongs to the CDK. */
    public static final List<String> CONTEXT_KEYS =
            List.of("models", "schedules", "defaultCommand", "function", "api", "alarms", "region", "overrides",
                    "verification");

    public DeploymentConfig {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        schedules = List.copyOf(schedules);
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(verification, "verification");
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

    public Optional<Command> defaultCommandIfConfigured() {
        return Optional.ofNullable(defaultCommand);
    }

    /**
     * The document the function reads at init: the models, the default command, which models each idle-stop
     * alarm stops, the schedules (for a model's next actions) and the override bound, written by the function's own
     * class so that stack and function cannot disagree on its shape.
     */
    public SchedulerConfig functionConfig(Map<String, List<String>> idleStopAlarms) {
        return new SchedulerConfig(
                new ModelCatalog(models.values().stream().map(ModelConfig::function).toList()),
                defaultCommandIfConfigured().map(Command::toJson), idleStopAlarms,
                schedules.stream().map(DeploymentConfig::schedule).toList(), Duration.ofDays(overrideMaxDays));
    }

    private static ConfiguredSchedule schedule(ScheduleConfig schedule) {
        return new ConfiguredSchedule(schedule.name(), CronSchedule.parse(schedule.cron()),
                ZoneId.of(schedule.timezone()), schedule.command().action(), schedule.command().models());
    }

    public List<ModelConfig> idleStopModels() {
        return models.values().stream().filter(model -> model.idleStopMinutes() != null).toList();
    }
}
