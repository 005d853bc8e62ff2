package io.github.customlabels.scheduler.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.trigger.Fixtures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The shaded jar laid out as Lambda lays out a deployment package and run in a fresh JVM by AWS's runtime
 * interface client, against a loopback Runtime API: what the packaged-function tests share.
 */
final class PackagedFunction implements AutoCloseable {

    /** The handler string the stack configures. */
    static final String HANDLER = "io.github.customlabels.scheduler.trigger.SchedulerHandler::handleRequest";
    static final Path JAR = Path.of("target", "custom-labels-scheduler.jar");
    static final int MEMORY_MB = 1024;

    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The runtime interface client and what it needs at run time (its POM and manifest Class-Path), as group/artifact. */
    private static final List<String> RUNTIME_ARTIFACTS = List.of(
            "com/amazonaws/aws-lambda-java-runtime-interface-client",
            "com/amazonaws/aws-lambda-java-core",
            "com/amazonaws/aws-lambda-java-serialization",
            "software/amazon/awssdk/utils-lite",
            "software/amazon/awssdk/annotations");

    private final Process process;
    private final LocalRuntimeApi runtime;
    private final Path log;

    private PackagedFunction(Process process, LocalRuntimeApi runtime, Path log) {
        this.process = process;
        this.runtime = runtime;
        this.log = log;
    }

    /**
     * Unzips the jar into {@code taskRoot} and starts it. The environment is Lambda's for a java17 function with
     * this stack's configuration ({@link Fixtures#CONFIG_JSON}) at the package's root, plus {@code environment} (credentials, init type,
     * the loopback Rekognition); nothing is inherited from this machine.
     *
     * @param log where the function's standard output and error go (the runtime also writes its own logs there)
     */
    static PackagedFunction start(Path taskRoot, LocalRuntimeApi runtime, Path log, List<String> jvmFlags,
                                  Map<String, String> environment) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run `mvn verify`, which shades it first");
        unzip(JAR, taskRoot);
        // Where the stack puts the configuration: the root of the deployment package.
        Files.writeString(taskRoot.resolve(SchedulerConfig.RESOURCE), Fixtures.CONFIG_JSON);
        assertTrue(Files.isRegularFile(taskRoot.resolve("io/github/customlabels/scheduler/trigger/SchedulerHandler.class")),
                JAR.toAbsolutePath() + " does not hold the handler: is it the shaded jar of this build?");
        Files.createDirectories(log.getParent());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The Java 17 managed runtime's flags; the heap is about what Lambda gives a 1024 MB function.
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx" + MEMORY_MB * 85 / 100 + "m"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-classpath", runtimeClasspath(), RUNTIME_MAIN, HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command)
                // The runtime interface client takes the task root from the working directory (user.dir) and
                // loads it, with lib/*.jar, in its own class loader: the jar is not on the JVM's classpath.
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(taskRoot, runtime, log));
        builder.environment().putAll(environment);
        return new PackagedFunction(builder.start(), runtime, log);
    }

    private static Map<String, String> lambdaEnvironment(Path taskRoot, LocalRuntimeApi runtime, Path log) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", HANDLER);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "custom-labels-scheduler");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/custom-labels-scheduler");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        // Not set by Lambda: no shared AWS config or credentials from this machine.
        env.put("AWS_CONFIG_FILE", log.resolveSibling("absent-aws-config").toAbsolutePath().toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", log.resolveSibling("absent-aws-credentials").toAbsolutePath().toString());
        return env;
    }

    /** The runtime interface client's jars, taken from this test's classpath (Maven resolved them, test scope). */
    private static String runtimeClasspath() {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        List<String> classpath = new ArrayList<>();
        for (String artifact : RUNTIME_ARTIFACTS) {
            String group = artifact.substring(0, artifact.lastIndexOf('/'));
            String artifactId = artifact.substring(artifact.lastIndexOf('/') + 1);
            Pattern fileName = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*\\.jar");
            List<Path> found = entries.stream()
                    .filter(entry -> entry.getFileName() != null && fileName.matcher(entry.getFileName().toString()).matches())
                    .filter(entry -> entry.toString().replace(File.separatorChar, '/').contains("/" + group + "/"))
                    .toList();
            assertEquals(1, found.size(), () -> "expected one " + artifact + " jar on the test classpath, found " + found);
            classpath.add(found.get(0).toString());
        }
        return String.join(File.pathSeparator, classpath);
    }

    /** Unzips the jar as Lambda does a deployment package: classes at the root of the task root. */
    private static void unzip(Path jar, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
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
    }

    /** Waits, bounded, for something the runtime reports; fails fast on an init error or a dead JVM. */
    <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!runtime.initErrors().isEmpty()) {
                    fail("the function failed to start: " + runtime.initErrors() + logTail());
                }
                if (!process.isAlive()) {
                    fail("the function's JVM exited with status " + process.exitValue() + logTail());
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("no " + what + " within " + timeout + logTail());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Waits, briefly, for a line the function logs (its output goes to a file as it runs). */
    void awaitLogLine(String fragment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!log().contains(fragment)) {
            if (System.nanoTime() - deadline > 0) {
                fail("the function did not log " + fragment + logTail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the function has written so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The end of the function's log, for failure messages. */
    String logTail() {
        String text = log();
        int from = Math.max(0, text.length() - 6_000);
        return "\n--- " + log.toAbsolutePath() + (from > 0 ? " (last 6000 characters)" : "") + ":\n" + text.substring(from);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
