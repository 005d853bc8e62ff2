package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.control.Action;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.ModelCatalog;
import io.github.customlabels.scheduler.control.ModelConfig;
import io.github.customlabels.scheduler.control.ModelControlService;
import io.github.customlabels.scheduler.json.Json;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.telemetry.LogSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * What the handler is built from, read from the environment the stack sets:
 * {@code MODELS}, {@code DEFAULT_COMMAND} and {@code IDLE_STOP_ALARMS}.
 */
public record Wiring(ModelControlService service, CommandRequest defaultCommand,
                     Map<String, List<String>> idleStopAlarms, LogSink log) {

    public static Wiring fromEnvironment(Map<String, String> env) {
        return of(env, new RekognitionGateway());
    }

    /** Wiring from environment values, with the given gateway (tests point it at a local endpoint). */
    public static Wiring of(Map<String, String> env, RekognitionGateway gateway) {
        ModelCatalog catalog = read("MODELS", () -> ModelCatalog.fromJson(env.get("MODELS")));
        CommandRequest defaultCommand = read("DEFAULT_COMMAND", () -> defaultCommand(env.get("DEFAULT_COMMAND"), catalog));
        Map<String, List<String>> alarms = read("IDLE_STOP_ALARMS", () -> idleStopAlarms(env.get("IDLE_STOP_ALARMS")));
        return new Wiring(new ModelControlService(catalog, gateway), defaultCommand, alarms, LogSink.STDOUT);
    }

    /** The same wiring, logging elsewhere. */
    public Wiring withLog(LogSink sink) {
        return new Wiring(service, defaultCommand, idleStopAlarms, sink);
    }

    /** The same wiring, treating every command as a dry run. */
    public Wiring dryRunOnly() {
        return new Wiring(service.dryRunOnly(), defaultCommand, idleStopAlarms, log);
    }

    /** A broken variable is a deployment error: fail the start-up and name the variable. */
    private static <T> T read(String variable, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("environment variable " + variable + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The command a plain scheduled rule runs: as configured, or start every configured model. */
    private static CommandRequest defaultCommand(String json, ModelCatalog catalog) {
        if (json == null || json.isBlank()) {
            return CommandRequest.forModels(Action.START, catalog.all().stream().map(ModelConfig::name).toList());
        }
        return CommandReader.read(Json.parse(json), "DEFAULT_COMMAND");
    }

    private static Map<String, List<String>> idleStopAlarms(String json) {
        Map<String, List<String>> alarms = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return alarms;
        }
        JsonNode root = Json.parse(json);
        if (!root.isObject()) {
            throw new IllegalStateException("IDLE_STOP_ALARMS must be a JSON object of alarm name to model names");
        }
        root.asObject().forEach((alarm, models) -> {
            List<String> names = new ArrayList<>();
            if (models.isArray()) {
                models.asArray().stream().filter(JsonNode::isString).forEach(m -> names.add(m.asString()));
            }
            alarms.put(alarm, List.copyOf(names));
        });
        return alarms;
    }
}
