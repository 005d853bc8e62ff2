package io.github.customlabels.scheduler.local;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.trigger.SchedulerHandler;
import io.github.customlabels.scheduler.trigger.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Runs the packaged handler on an event file, as Lambda would, and prints its answer: with
 * {@code --dry-run} nothing is sent; otherwise Rekognition (or {@code AWS_ENDPOINT_URL_REKOGNITION}) is
 * called with the credentials of the environment or profile.
 */
public final class LocalInvoke {

    static final String USAGE = """
            usage: java -jar function/target/custom-labels-scheduler.jar [--dry-run] [--config cdk.json] EVENT.json
              --dry-run        validate and show the request each model would get; send nothing
              --config FILE    the cdk.json whose "context" configures the models (default: ./cdk.json);
                               ignored when SCHEDULER_CONFIG_FILE names the function's own configuration
            Sends to AWS_ENDPOINT_URL_REKOGNITION (or AWS_ENDPOINT_URL) when set, else to Rekognition in each
            model's region.""";

    /** The stack's name, which idle-stop alarm names start with. */
    static final String STACK_NAME = "CustomLabelsScheduler";

    private LocalInvoke() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of(System.getProperty("user.home")), System.out, System.err));
    }

    /**
     * Runs one event; returns the process exit code (0 answered, 1 the function failed, 2 bad usage or setup).
     * {@code home} is where {@code .aws/} (profiles) would be.
     */
    static int run(String[] args, Map<String, String> env, Path home, PrintStream out, PrintStream err) {
        boolean dryRun = false;
        Path config = Path.of("cdk.json");
        Path eventFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--config" -> {
                    if (++i == args.length) {
                        return usage(err, "--config needs a file");
                    }
                    config = Path.of(args[i]);
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--") || eventFile != null) {
                        return usage(err, "unexpected argument " + args[i]);
                    }
                    eventFile = Path.of(args[i]);
                }
            }
        }
        if (eventFile == null) {
            return usage(err, "name an event file, e.g. events/direct-start.json");
        }
        byte[] event;
        SchedulerConfig functionConfig;
        Optional<URI> endpoint;
        try {
            event = Files.readAllBytes(eventFile);
            functionConfig = env.containsKey(SchedulerConfig.FILE_VARIABLE) ? SchedulerConfig.load(env) : configFrom(config);
            endpoint = endpointFrom(env);
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (!dryRun && !hasCredentials(env, home)) {
            err.println("error: no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE),"
                    + " or run with --dry-run to send nothing");
            return 2;
        }
        err.println(dryRun ? "dry run: nothing is sent"
                : "sending to " + endpoint.map(Object::toString)
                        .orElse("Rekognition in each model's own region (from its ARN)"));

        Wiring wiring = Wiring.of(functionConfig, new RekognitionGateway(RekognitionGateway.clients(credentials(env),
                        builder -> endpoint.ifPresent(builder::endpointOverride))))
                .withLog(err::println);
        SchedulerHandler handler = new SchedulerHandler(dryRun ? wiring.dryRunOnly() : wiring);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), answer, new LocalContext());
            out.println(answer.toString(StandardCharsets.UTF_8));
            return 0;
        } catch (RuntimeException | IOException e) {
            // The shape the Lambda runtime gives a failed invocation.
            JsonWriter error = JsonWriter.create().writeStartObject()
                    .writeFieldName("errorType").writeValue(e.getClass().getSimpleName());
            out.println(Json.text(Json.field(error, "errorMessage", e.getMessage()).writeEndObject()));
            return 1;
        }
    }

    /** The function's configuration as the stack would write it, from the cdk.json context. */
    static SchedulerConfig configFrom(Path cdkJson) throws IOException {
        if (!Files.exists(cdkJson)) {
            throw new IOException(cdkJson + " not found: run from the project's folder, pass --config, or set "
                    + SchedulerConfig.FILE_VARIABLE);
        }
        JsonNode context = Json.path(Json.parse(Files.readAllBytes(cdkJson)), "context")
                .orElseThrow(() -> new IOException(cdkJson + " has no \"context\""));
        JsonNode models = Json.field(context, "models")
                .orElseThrow(() -> new IOException(cdkJson + " has no \"context\".\"models\""));
        JsonWriter document = JsonWriter.create().writeStartObject();
        Json.copy(models, document.writeFieldName("models"));
        Json.field(context, "defaultCommand").ifPresent(c -> Json.copy(c, document.writeFieldName("defaultCommand")));
        document.writeFieldName("idleStopAlarms").writeStartObject();
        if (models.isObject()) {
            models.asObject().forEach((name, model) -> {
                if (Json.field(model, "idleStopMinutes").isPresent()) {
                    document.writeFieldName(SchedulerConfig.idleStopAlarmName(STACK_NAME, name)).writeStartArray().writeValue(name)
                            .writeEndArray();
                }
            });
        }
        byte[] json = document.writeEndObject().writeEndObject().getBytes();
        return SchedulerConfig.parse(new String(json, StandardCharsets.UTF_8), cdkJson.toString());
    }

    /**
     * The endpoint variables the SDK reads ({@code AWS_ENDPOINT_URL_REKOGNITION}, else {@code AWS_ENDPOINT_URL}),
     * taken from the environment this run was given rather than the process's own.
     */
    private static Optional<URI> endpointFrom(Map<String, String> env) {
        String value = Optional.ofNullable(env.get("AWS_ENDPOINT_URL_REKOGNITION")).filter(v -> !v.isBlank())
                .orElse(env.get("AWS_ENDPOINT_URL"));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(value.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the endpoint must be an absolute URL such as https://host:port, not: "
                    + value);
        }
        return Optional.of(uri);
    }

    /** Environment keys or a profile; never the instance metadata service, which is no place for a laptop. */
    private static boolean hasCredentials(Map<String, String> env, Path home) {
        boolean keys = !env.getOrDefault("AWS_ACCESS_KEY_ID", "").isBlank()
                && !env.getOrDefault("AWS_SECRET_ACCESS_KEY", "").isBlank();
        boolean profile = !env.getOrDefault("AWS_PROFILE", "").isBlank();
        Path aws = home.resolve(".aws");
        return keys || profile || Files.exists(aws.resolve("credentials")) || Files.exists(aws.resolve("config"));
    }

    /** The environment's keys, else its profile. */
    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String key = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        String token = env.getOrDefault("AWS_SESSION_TOKEN", "");
        if (!key.isBlank() && !secret.isBlank()) {
            return StaticCredentialsProvider.create(token.isBlank() ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token));
        }
        return ProfileCredentialsProvider.builder().profileName(env.getOrDefault("AWS_PROFILE", "default")).build();
    }

    private static int usage(PrintStream stream, String problem) {
        if (problem != null) {
            stream.println("error: " + problem);
        }
        stream.println(USAGE);
        return 2;
    }
}
