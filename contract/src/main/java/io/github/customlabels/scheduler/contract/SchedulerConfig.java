package io.github.customlabels.scheduler.contract;

import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.contract.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The deployment's configuration as the function reads it: the contract between the stack, which writes it at
 * synth into the deployment package, and the function, which reads it once at init.
 *
 * <p>The document: {@code {"models": {name: {"projectVersionArn", "projectArn"?, "minInferenceUnits",
 * "maxInferenceUnits"?, "inferenceUnitCeiling"}}, "defaultCommand"?: a command, "idleStopAlarms": {alarm name:
 * [model names]}, "schedules"?: [{"name", "cron", "timezone", "action", "models"}], "overrides"?: {"maxDays"}}}.
 *
 * @param defaultCommand the command a plain scheduled rule runs, as JSON text; empty means start every model
 * @param idleStopAlarms the idle-stop alarms of this deployment and the models each one stops
 * @param schedules the stack's schedules, for the next actions a model's status shows
 * @param maxOverride how far ahead an override may end
 */
public record SchedulerConfig(ModelCatalog models, Optional<String> defaultCommand,
                              Map<String, List<String>> idleStopAlarms,
                              List<ConfiguredSchedule> schedules, Duration maxOverride) {

    /** How far ahead an override may end unless the deployment says otherwise (overrides.maxDays in cdk.json). */
    public static final int DEFAULT_MAX_OVERRIDE_DAYS = 14;
    /** The most overrides.maxDays may be: an override ends within a year; a longer one is a schedule change. */
    public static final int MAX_OVERRIDE_DAYS = 365;

    /** The environment variable that names the configuration file (local runs, tests). */
    public static final String FILE_VARIABLE = "SCHEDULER_CONFIG_FILE";
    /** Where the stack puts the configuration: the root of the deployment package, so on the classpath. */
    public static final String RESOURCE = "scheduler-config.json";

    /** The name of a model's idle-stop alarm, as the stack creates it and the configuration lists it. */
    public static String idleStopAlarmName(String stackName, String modelName) {
        return stackName + "-" + modelName + "-idle";
    }

    public SchedulerConfig {
        idleStopAlarms = Map.copyOf(idleStopAlarms);
        schedules = List.copyOf(schedules);
        maxOverride = maxOverride == null ? Duration.ofDays(DEFAULT_MAX_OVERRIDE_DAYS) : maxOverride;
    }

    /**
     * Reads the configuration named by {@value #FILE_VARIABLE}, or else the {@value #RESOURCE} the stack packages
     * with the function. A missing or broken configuration is a deployment error: it fails init, naming the problem.
     */
    public static SchedulerConfig load(Map<String, String> env) {
        String file = env.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            try {
                return parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException(FILE_VARIABLE + " names " + file + ", which does not exist");
            } catch (IOException e) {
                throw new UncheckedIOException(FILE_VARIABLE + " names " + file + ", which cannot be read", e);
            }
        }
        try (InputStream in = SchedulerConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no configuration: " + RESOURCE + " is not in the deployment package"
                        + " and " + FILE_VARIABLE + " is not set; deploy with the stack, which writes it, or set "
                        + FILE_VARIABLE + " to a configuration file");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }

    /** Parses a configuration document; {@code source} names it in error messages. */
    public static SchedulerConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (MalformedJsonException e) {
            throw new IllegalStateException(source + " is not valid JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new IllegalStateException(source + " must be a JSON object with models, defaultCommand and idleStopAlarms");
        }
        JsonNode models = Json.field(root, "models").filter(JsonNode::isObject).orElseThrow(() ->
                new IllegalStateException(source + ": models must be an object of model name to model"));
        List<ModelConfig> configs = new ArrayList<>();
        models.asObject().forEach((name, node) -> configs.add(model(source, name, node)));
        Optional<String> defaultCommand = Json.field(root, "defaultCommand").map(Json::write);
        Map<String, List<String>> alarms = new LinkedHashMap<>();
        Json.field(root, "idleStopAlarms").ifPresent(node -> {
            if (!node.isObject()) {
                throw new IllegalStateException(source + ": idleStopAlarms must be an object of alarm name to model names");
            }
            node.asObject().forEach((alarm, names) -> alarms.put(alarm, names(source, "idleStopAlarms." + alarm, names)));
        });
        List<ConfiguredSchedule> schedules = new ArrayList<>();
        Json.field(root, "schedules").ifPresent(node -> {
            if (!node.isArray()) {
                throw new IllegalStateException(source + ": schedules must be an array of schedules");
            }
            node.asArray().forEach(schedule -> schedules.add(schedule(source, schedule)));
        });
        Duration maxOverride = Json.path(root, "overrides", "maxDays").map(days -> {
            if (!days.isNumber() || !days.asNumber().matches("[1-9][0-9]{0,2}")
                    || Integer.parseInt(days.asNumber()) > MAX_OVERRIDE_DAYS) {
                throw new IllegalStateException(source + ": overrides.maxDays must be a whole number of days from 1 to "
                        + MAX_OVERRIDE_DAYS);
            }
            return Duration.ofDays(Long.parseLong(days.asNumber()));
        }).orElse(null);
        return new SchedulerConfig(new ModelCatalog(configs), defaultCommand, alarms, schedules, maxOverride);
    }

    /** The document {@link #parse} reads, written with the SDK's JSON writer. */
    public String toJson() {
        JsonWriter w = JsonWriter.create();
        w.writeStartObject().writeFieldName("models").writeStartObject();
        for (ModelConfig model : models.all()) {
            w.writeFieldName(model.name()).writeStartObject()
                    .writeFieldName("projectVersionArn").writeValue(model.projectVersionArn().value());
            model.projectArn().ifPresent(arn -> w.writeFieldName("projectArn").writeValue(arn));
            w.writeFieldName("minInferenceUnits").writeValue(model.minInferenceUnits());
            if (model.maxInferenceUnits() != null) {
                w.writeFieldName("maxInferenceUnits").writeValue(model.maxInferenceUnits().longValue());
            }
            w.writeFieldName("inferenceUnitCeiling").writeValue(model.inferenceUnitCeiling()).writeEndObject();
        }
        w.writeEndObject();
        defaultCommand.ifPresent(command -> Json.copy(Json.parse(command), w.writeFieldName("defaultCommand")));
        w.writeFieldName("idleStopAlarms").writeStartObject();
        idleStopAlarms.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(alarm -> {
            w.writeFieldName(alarm.getKey()).writeStartArray();
            alarm.getValue().forEach(w::writeValue);
            w.writeEndArray();
        });
        w.writeEndObject().writeFieldName("schedules").writeStartArray();
        for (ConfiguredSchedule schedule : schedules) {
            w.writeStartObject()
                    .writeFieldName("name").writeValue(schedule.name())
                    .writeFieldName("cron").writeValue(schedule.cron().expression())
                    .writeFieldName("timezone").writeValue(schedule.timezone().getId())
                    .writeFieldName("action").writeValue(schedule.action().wireName());
            Json.strings(w, "models", schedule.models()).writeEndObject();
        }
        w.writeEndArray().writeFieldName("overrides").writeStartObject()
                .writeFieldName("maxDays").writeValue(maxOverride.toDays()).writeEndObject();
        return new String(w.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    private static ConfiguredSchedule schedule(String source, JsonNode node) {
        String name = Json.string(node, "name").orElseThrow(() ->
                new IllegalStateException(source + ": each of schedules needs a name"));
        String key = source + ": schedules." + name;
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(Json.string(node, "cron").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ".cron " + e.getMessage());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(Json.string(node, "timezone").orElse(""));
        } catch (DateTimeException e) {
            throw new IllegalStateException(key + ".timezone is not an IANA time zone");
        }
        Action action = Json.string(node, "action").flatMap(Action::parse).filter(Action::schedulable).orElseThrow(() ->
                new IllegalStateException(key + ".action must be start, stop or status"));
        return new ConfiguredSchedule(name, cron, zone, action,
                names(source, "schedules." + name + ".models", Json.field(node, "models").orElse(null)));
    }

    private static ModelConfig model(String source, String name, JsonNode node) {
        String key = source + ": models." + name;
        ProjectVersionArn arn = Json.string(node, "projectVersionArn").flatMap(ProjectVersionArn::parse).orElseThrow(() ->
                new IllegalStateException(key + ".projectVersionArn is not a project version ARN"));
        Optional<String> projectArn = Json.string(node, "projectArn");
        if (projectArn.isPresent() && !ProjectArn.isValid(projectArn.get())) {
            throw new IllegalStateException(key + ".projectArn is not a project ARN");
        }
        long min = units(key, node, "minInferenceUnits").orElse(InferenceUnits.MIN);
        Long max = units(key, node, "maxInferenceUnits").orElse(null);
        long ceiling = units(key, node, "inferenceUnitCeiling").orElse(ModelConfig.defaultCeiling(min, max));
        return new ModelConfig(name, arn, projectArn, min, max, ceiling);
    }

    private static Optional<Long> units(String key, JsonNode node, String field) {
        Optional<JsonNode> value = Json.field(node, field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long units = Long.parseLong(value.get().isNumber() ? value.get().asNumber() : "");
            if (InferenceUnits.isValid(units)) {
                return Optional.of(units);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(key + "." + field + " must be an integer from " + InferenceUnits.MIN + " to "
                + InferenceUnits.MAX);
    }

    private static List<String> names(String source, String key, JsonNode names) {
        if (names == null || !names.isArray() || !names.asArray().stream().allMatch(JsonNode::isString)) {
            throw new IllegalStateException(source + ": " + key + " must be an array of model names");
        }
        return names.asArray().stream().map(JsonNode::asString).toList();
    }
}
