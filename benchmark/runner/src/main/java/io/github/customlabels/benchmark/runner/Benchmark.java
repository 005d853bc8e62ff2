package io.github.customlabels.benchmark.runner;

import io.github.customlabels.benchmark.runner.Variant.Role;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The benchmark's entry point. It builds nothing: it takes the packaged function and the reference function's
 * jar, lays each out as a task root, and runs them in fresh JVMs, alternating, for the requested number of paired
 * runs (after one discarded warm-up round), then writes {@code report.md} into the work directory and prints it.
 */
public final class Benchmark {

    static final String OUR_HANDLER = "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest";
    static final String REFERENCE_HANDLER = "io.github.customlabels.benchmark.reference.StartModelHandler::handleRequest";

    static final String DEFECTS_ARN =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000";
    static final String LOGOS_ARN =
            "arn:aws:rekognition:us-east-1:123456789012:project/logos/version/logos.2026-10-15/1760486400000";
    /** The configuration document the stack writes into the package for the example configuration (cdk.json). */
    static final String OUR_CONFIG = "{\"models\":{\"defects\":{\"projectVersionArn\":\"" + DEFECTS_ARN + "\",\"projectArn\":"
            + "\"arn:aws:rekognition:eu-west-1:123456789012:project/defects/1761900000000\",\"minInferenceUnits\":1,"
            + "\"maxInferenceUnits\":2,\"inferenceUnitCeiling\":4},\"logos\":{\"projectVersionArn\":\"" + LOGOS_ARN
            + "\",\"minInferenceUnits\":1,\"inferenceUnitCeiling\":1}},"
            + "\"defaultCommand\":{\"action\":\"start\",\"models\":[\"defects\",\"logos\"]},"
            + "\"idleStopAlarms\":{\"CustomLabelsScheduler-defects-idle\":[\"defects\"]}}";
    /** The package file that holds it. */
    static final String OUR_CONFIG_FILE = "scheduler-config.json";
    /**
     * The same configuration as environment variables, which builds before the configuration document read (so an
     * earlier build can be measured beside this one with benchmark.extraJars); this build ignores them.
     */
    static final Map<String, String> OUR_ENVIRONMENT = Map.of(
            "MODELS", "{\"defects\":{\"projectVersionArn\":\"" + DEFECTS_ARN + "\",\"projectArn\":"
                    + "\"arn:aws:rekognition:eu-west-1:123456789012:project/defects/1761900000000\",\"minInferenceUnits\":1,"
                    + "\"maxInferenceUnits\":2,\"inferenceUnitCeiling\":4},\"logos\":{\"projectVersionArn\":\"" + LOGOS_ARN
                    + "\",\"minInferenceUnits\":1,\"inferenceUnitCeiling\":1}}",
            "DEFAULT_COMMAND", "{\"action\":\"start\",\"models\":[\"defects\",\"logos\"]}",
            "IDLE_STOP_ALARMS", "{\"CustomLabelsScheduler-defects-idle\":[\"defects\"]}");
    /** A command that starts one model: what a schedule sends, and what the reference understands. */
    static final String COMMAND_EVENT = "direct-start.json";
    /** The same start through API Gateway's REST API (payload 1.0). */
    static final String API_EVENT = "apigw-rest-start.json";
    static final Map<String, String> REFERENCE_ENVIRONMENT = Map.of("MODEL_ARN_DEFECTS", DEFECTS_ARN, "MODEL_ARN_LOGOS", LOGOS_ARN);

    /** The runtime interface client and what it needs (its manifest Class-Path), found on this JVM's classpath. */
    private static final List<String> RUNTIME_ARTIFACTS = List.of(
            "com/amazonaws/aws-lambda-java-runtime-interface-client",
            "com/amazonaws/aws-lambda-java-core",
            "com/amazonaws/aws-lambda-java-serialization",
            "software/amazon/awssdk/utils-lite",
            "software/amazon/awssdk/annotations");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first server exists: otherwise Nagle's algorithm adds ~40 ms to replies on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> options = options(args);
        Path functionJar = requireFile(options, "function-jar",
                "run `mvn -q package -DskipTests` at the repository root first");
        Path referenceJar = requireFile(options, "reference-jar", "run the benchmark through `mvn -f benchmark/pom.xml verify`");
        Path workDir = Path.of(options.getOrDefault("work-dir", "benchmark/target")).toAbsolutePath().normalize();
        Path events = Path.of(options.getOrDefault("events", workDir.resolve("../../events").toString()));
        int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        int warmInvokes = Integer.parseInt(options.getOrDefault("warm-invokes", "200"));
        int memoryMb = Integer.parseInt(options.getOrDefault("memory-mb", "1024"));

        List<Variant> variants = new ArrayList<>();
        // The command path (what a schedule sends) is the one the reference can take; the API path is reported beside it.
        variants.add(new Variant("ours", Role.OURS, functionJar, OUR_HANDLER, false, OUR_ENVIRONMENT, COMMAND_EVENT));
        variants.add(new Variant("ours-snapstart", Role.OURS_SNAPSTART, functionJar, OUR_HANDLER, true, OUR_ENVIRONMENT,
                COMMAND_EVENT));
        variants.add(new Variant("ours-api", Role.OURS_API, functionJar, OUR_HANDLER, false, OUR_ENVIRONMENT, API_EVENT));
        variants.add(new Variant("ours-api-snapstart", Role.OURS_API_SNAPSTART, functionJar, OUR_HANDLER, true,
                OUR_ENVIRONMENT, API_EVENT));
        variants.add(new Variant("reference", Role.REFERENCE, referenceJar, REFERENCE_HANDLER, false, REFERENCE_ENVIRONMENT,
                COMMAND_EVENT));
        for (String extra : options.getOrDefault("extra-jars", "").split(",")) {
            if (!extra.isBlank()) {
                // label=path.jar runs cold; label=path.jar@snapstart runs on SnapStart's init path.
                String[] parts = extra.split("=", 2);
                boolean snapStart = parts[1].trim().endsWith("@snapstart");
                Path jar = Path.of(parts[1].trim().replaceFirst("@snapstart$", "")).toAbsolutePath();
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("extra jar " + jar + " does not exist");
                }
                variants.add(new Variant(parts[0].trim(), Role.EXTRA, jar, OUR_HANDLER, snapStart, OUR_ENVIRONMENT,
                        COMMAND_EVENT));
            }
        }

        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Map<Variant, Path> taskRoots = new LinkedHashMap<>();
        for (Variant variant : variants) {
            Path taskRoot = layOut(variant.jar(), workDir.resolve("taskroots").resolve(variant.label()));
            if (variant.role() != Role.REFERENCE) {
                // Where the stack puts the configuration: the package's root, on the function's class path.
                Files.writeString(taskRoot.resolve(OUR_CONFIG_FILE), OUR_CONFIG);
            }
            taskRoots.put(variant, taskRoot);
        }
        FunctionRun.Settings settings = new FunctionRun.Settings(runtimeClasspath(), logDir,
                events, warmInvokes, memoryMb, clockTicksPerSecond(),
                options.getOrDefault("extra-jvm-flags", "").isBlank() ? List.of()
                        : List.of(options.get("extra-jvm-flags").strip().split("\\s+")));
        FunctionRun runner = new FunctionRun(settings);
        String loadBefore = loadAverage();

        System.out.println("benchmark: 1 warm-up round (discarded), then " + runs + " paired runs of " + variants.size()
                + " variants, " + warmInvokes + " warm invokes each; logs in " + logDir);
        for (Variant variant : variants) {
            runner.run(variant, taskRoots.get(variant), 0);
        }
        List<RunResult> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // Alternate the order, so that drift on the machine does not favour whoever runs first.
            List<Variant> order = new ArrayList<>(variants);
            if (run % 2 == 0) {
                Collections.reverse(order);
            }
            StringBuilder line = new StringBuilder("run " + run + "/" + runs + ":");
            for (Variant variant : order) {
                RunResult result = runner.run(variant, taskRoots.get(variant), run);
                results.add(result);
                line.append(String.format(" %s %.0f+%.1f ms", variant.label(), result.initMs(), result.firstInvokeMs()));
            }
            System.out.println(line);
        }

        String report = new Report(variants, results, settings, runs, loadBefore, loadAverage()).markdown();
        Path reportFile = workDir.resolve("report.md");
        Files.writeString(reportFile, report);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + reportFile + ")");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static Path requireFile(Map<String, String> options, String name, String hint) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + "=<path> is required");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " does not exist: " + hint);
        }
        return path;
    }

    /** Unzips a jar as Lambda lays out a deployment package: its entries at the root of the task root. */
    static Path layOut(Path jar, Path taskRoot) throws IOException {
        if (Files.exists(taskRoot)) {
            try (Stream<Path> files = Files.walk(taskRoot)) {
                for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(taskRoot);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = taskRoot.resolve(entry.getName()).normalize();
                if (!file.startsWith(taskRoot)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file);
                }
            }
        }
        return taskRoot;
    }

    private static String runtimeClasspath() {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .filter(e -> !e.isBlank()).map(Path::of).toList();
        List<String> classpath = new ArrayList<>();
        for (String artifact : RUNTIME_ARTIFACTS) {
            String group = artifact.substring(0, artifact.lastIndexOf('/'));
            String artifactId = artifact.substring(artifact.lastIndexOf('/') + 1);
            Pattern fileName = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*\\.jar");
            List<Path> found = entries.stream()
                    .filter(e -> e.getFileName() != null && fileName.matcher(e.getFileName().toString()).matches())
                    .filter(e -> e.toString().replace(File.separatorChar, '/').contains("/" + group + "/"))
                    .toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + artifact + " jar on the classpath, found " + found);
            }
            classpath.add(found.get(0).toString());
        }
        return String.join(File.pathSeparator, classpath);
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream in = getconf.getInputStream()) {
                return Long.parseLong(new String(in.readAllBytes()).strip());
            }
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
