package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.control.CommandRequest;
import io.github.customlabels.scheduler.control.ModelControlService;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.verification.StartVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What the handler is built from: the deployment's configuration ({@link SchedulerConfig}, read once at init), the
 * Rekognition gateway, and whether Lambda is initialising for a SnapStart snapshot.
 *
 * @param snapStartInit true when the handler must register SnapStart's priming hooks
 * @param verifier follows starts up until the model is RUNNING; empty where the environment does not configure it
 */
public record Wiring(ModelControlService service, CommandRequest defaultCommand,
                     Map<String, List<String>> idleStopAlarms, LogSink log, boolean snapStartInit,
                     Optional<StartVerifier> verifier) {

    /**
     * The one place that reads the function's environment: the configuration the stack packaged with the function
     * (or {@code SCHEDULER_CONFIG_FILE}), Rekognition as the environment sets it up (credentials, endpoint variables),
     * Lambda's initialisation type, and start verification as the stack configures it.
     */
    public static Wiring fromEnvironment(Map<String, String> env) {
        // One credentials chain for every SDK client: SnapStart's container credentials are fetched once, not per client.
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        RekognitionGateway gateway = new RekognitionGateway(credentials);
        Wiring wiring = of(SchedulerConfig.load(env), gateway);
        return new Wiring(wiring.service, wiring.defaultCommand, wiring.idleStopAlarms, wiring.log,
                SnapStartPriming.isSnapStartInit(env),
                StartVerifier.fromEnvironment(env, wiring.service.catalog(), gateway, wiring.log, credentials));
    }

    /** Wiring from a configuration, with the given gateway (tests point it at a local endpoint). */
    public static Wiring of(SchedulerConfig config, RekognitionGateway gateway) {
        ModelCatalog catalog = config.models();
        CommandRequest defaultCommand = defaultCommand(config.defaultCommand(), catalog);
        var settings = new ModelControlService.Settings(catalog, config.schedules(), config.maxOverride(),
                Clock.systemUTC());
        return new Wiring(new ModelControlService(settings, gateway), defaultCommand, config.idleStopAlarms(),
                LogSink.STDOUT, false, Optional.empty());
    }

    /** The same wiring on another clock (tests: an override's expiry, the next scheduled actions). */
    public Wiring withClock(Clock clock) {
        return new Wiring(service.withClock(clock), defaultCommand, idleStopAlarms, log, snapStartInit, verifier);
    }

    /** The same wiring, logging elsewhere. */
    public Wiring withLog(LogSink sink) {
        return new Wiring(service, defaultCommand, idleStopAlarms, sink, snapStartInit,
                verifier.map(v -> v.withLog(sink)));
    }

    /** The same wiring, treating every command as a dry run. */
    public Wiring dryRunOnly() {
        return new Wiring(service.dryRunOnly(), defaultCommand, idleStopAlarms, log, snapStartInit, verifier);
    }

    /** The same wiring for a handler that must not register priming hooks of its own (the one priming drives). */
    Wiring withoutSnapStart() {
        return new Wiring(service, defaultCommand, idleStopAlarms, log, false, verifier);
    }

    /** The same wiring, following starts up with this verifier. */
    public Wiring withVerifier(StartVerifier startVerifier) {
        return new Wiring(service, defaultCommand, idleStopAlarms, log, snapStartInit,
                Optional.of(startVerifier.withLog(log)));
    }

    /** The command a plain scheduled rule runs: as configured, or start every configured model. */
    private static CommandRequest defaultCommand(Optional<String> json, ModelCatalog catalog) {
        if (json.isEmpty()) {
            return CommandRequest.forModels(Action.START, catalog.all().stream().map(ModelConfig::name).toList());
        }
        try {
            return CommandReader.read(Json.parse(json.get()), "defaultCommand");
        } catch (RuntimeException e) {
            throw new IllegalStateException("the configuration's defaultCommand is invalid: " + e.getMessage(), e);
        }
    }
}
