package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import io.github.customlabels.scheduler.infra.config.Json;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment variables the function reads its configuration from. */
final class FunctionEnvironment {

    /** Lambda allows 4 KB for all variables together; the margin leaves room for variables added by hand or tools. */
    static final int MAX_BYTES = 3584;

    /** Tiered compilation stopped at C1 trades peak throughput, which a short-lived controller never reaches, for faster start. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private FunctionEnvironment() {
    }

    static Map<String, String> of(DeploymentConfig config, String stackName) {
        Map<String, Object> idleStopAlarms = new LinkedHashMap<>();
        for (ModelConfig model : config.idleStopModels()) {
            idleStopAlarms.put(IdleStopAlarms.alarmName(stackName, model.name()), List.of(model.name()));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MODELS", config.modelsJson());
        environment.put("DEFAULT_COMMAND", config.defaultCommand().toJson());
        environment.put("IDLE_STOP_ALARMS", Json.write(idleStopAlarms));
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        checkSize(environment);
        return environment;
    }

    private static void checkSize(Map<String, String> environment) {
        int bytes = environment.entrySet().stream()
                .mapToInt(entry -> utf8Length(entry.getKey()) + utf8Length(entry.getValue()))
                .sum();
        if (bytes > MAX_BYTES) {
            throw new ConfigException(List.of("models: the function's environment would be " + bytes
                    + " bytes, above the " + MAX_BYTES + " this stack allows (Lambda's limit is 4 KB for all "
                    + "variables); configure fewer models or shorter model names, or leave out optional "
                    + "projectArn values (the function can look them up)"));
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
